package io.teeio.spdm.crypto;

/**
 * An AEAD open that failed: the tag does not match the key, nonce, AAD and ciphertext. Carries no key
 * material and no JCA cause (whose message could name internals).
 */
public final class AeadAuthenticationException extends Exception {
    public AeadAuthenticationException(String message) {
        super(message);
    }
}
