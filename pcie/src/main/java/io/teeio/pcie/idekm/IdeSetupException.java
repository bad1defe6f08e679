package io.teeio.pcie.idekm;

/** Setting up or tearing down an IDE stream failed at one of its ends. */
public final class IdeSetupException extends Exception {
    public IdeSetupException(String message) {
        super(message);
    }

    public IdeSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
