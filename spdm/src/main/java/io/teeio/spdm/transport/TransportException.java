package io.teeio.spdm.transport;

/** The transport could not carry a message (link down, timeout, malformed frame). */
public class TransportException extends Exception {
    public TransportException(String message) {
        super(message);
    }

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
