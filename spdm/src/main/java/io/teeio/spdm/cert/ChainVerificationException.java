package io.teeio.spdm.cert;

/** A certificate chain that does not verify; the message names the certificate (index and subject) and why. */
public final class ChainVerificationException extends Exception {
    public ChainVerificationException(String message) {
        super(message);
    }
}
