package io.teeio.pcie.doe;

/** A DOE peer answered, but not with what the protocol allows (bad object, wrong type, a discovery loop). */
public final class DoeProtocolException extends Exception {
    public DoeProtocolException(String message) {
        super(message);
    }

    public DoeProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
