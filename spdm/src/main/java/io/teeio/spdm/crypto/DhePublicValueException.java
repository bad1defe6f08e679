package io.teeio.spdm.crypto;

/** A peer's DHE exchange data that is not a valid public value of the negotiated group. */
public final class DhePublicValueException extends Exception {
    public DhePublicValueException(String message) {
        super(message);
    }
}
