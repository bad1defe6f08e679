package io.teeio.spdm.session;

import io.teeio.spdm.crypto.AeadAlgo;
import io.teeio.spdm.crypto.AeadAuthenticationException;
import io.teeio.spdm.crypto.SecretBytes;
import io.teeio.spdm.crypto.SpdmCrypto;
import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * The AEAD state of one direction under one key: key, 12-byte IV salt and the 64-bit sequence number
 * of the next record (0 for a fresh key). The nonce of record n is the salt with LE64(n) XORed into
 * bytes 0..7 (DSP0277 1.2). Sealing advances the counter; opening advances it only when the record
 * authenticated, so a tampered or replayed record leaves the receiver as it was. Not thread-safe: one
 * direction is driven by one engine.
 */
public final class DirectionKeys implements Destroyable {

    /**
     * The default limit: all-ones, as libspdm, so every counter value but 2^64-1 is usable. Limits are
     * unsigned and exclusive: a key protects records 0 .. limit-1.
     */
    public static final long DEFAULT_MAX_SEQUENCE_NUMBER = -1L;

    private final AeadAlgo aead;
    private final SecretBytes key;
    private final SecretBytes ivSalt;
    private final long maxSequenceNumber;
    private long sequenceNumber;

    /**
     * Takes ownership of {@code key} and {@code ivSalt}: {@link #destroy()} erases them.
     *
     * @param maxSequenceNumber the counter value (unsigned) at which this key is exhausted
     */
    public DirectionKeys(AeadAlgo aead, SecretBytes key, SecretBytes ivSalt, long maxSequenceNumber) {
        if (key.length() != aead.keySize()) {
            throw new IllegalArgumentException(aead + " key must be " + aead.keySize() + " bytes, got " + key.length());
        }
        if (ivSalt.length() != SpdmCrypto.AEAD_IV_SIZE) {
            throw new IllegalArgumentException("IV salt must be " + SpdmCrypto.AEAD_IV_SIZE + " bytes, got "
                    + ivSalt.length());
        }
        this.aead = aead;
        this.key = key;
        this.ivSalt = ivSalt;
        this.maxSequenceNumber = maxSequenceNumber;
    }

    public AeadAlgo aead() {
        return aead;
    }

    public SecretBytes key() {
        return key;
    }

    public SecretBytes ivSalt() {
        return ivSalt;
    }

    /** The sequence number the next record in this direction uses. */
    public long sequenceNumber() {
        return sequenceNumber;
    }

    public long maxSequenceNumber() {
        return maxSequenceNumber;
    }

    /** True once the counter reached the maximum: no record may be sealed or opened any more. */
    public boolean exhausted() {
        return Long.compareUnsigned(sequenceNumber, maxSequenceNumber) >= 0;
    }

    /** The AEAD nonce for sequence number {@code seq}: salt XOR LE64(seq) in bytes 0..7. */
    public byte[] nonce(long seq) {
        byte[] iv = ivSalt.copy();
        for (int i = 0; i < 8; i++) {
            iv[i] ^= (byte) (seq >>> (8 * i));
        }
        return iv;
    }

    /** Seals under the current sequence number and advances it. */
    byte[] seal(SpdmCrypto crypto, byte[] aad, byte[] plaintext) throws SecuredMessageException {
        checkNotExhausted();
        byte[] k = key.copy();
        byte[] iv = nonce(sequenceNumber);
        try {
            byte[] out = crypto.aeadSeal(aead, k, iv, aad, plaintext);
            sequenceNumber++;
            return out;
        } finally {
            Arrays.fill(k, (byte) 0);
            Arrays.fill(iv, (byte) 0);
        }
    }

    /** Opens under the current sequence number; advances it only on success. */
    byte[] open(SpdmCrypto crypto, byte[] aad, byte[] ciphertextAndTag) throws SecuredMessageException {
        checkNotExhausted();
        byte[] k = key.copy();
        byte[] iv = nonce(sequenceNumber);
        try {
            byte[] out = crypto.aeadOpen(aead, k, iv, aad, ciphertextAndTag);
            sequenceNumber++;
            return out;
        } catch (AeadAuthenticationException e) {
            throw new SecuredMessageException(SecuredMessageException.Reason.AUTHENTICATION_FAILED,
                    "record under sequence number " + sequenceNumber + " does not authenticate");
        } finally {
            Arrays.fill(k, (byte) 0);
            Arrays.fill(iv, (byte) 0);
        }
    }

    void checkNotExhausted() throws SecuredMessageException {
        if (exhausted()) {
            throw new SecuredMessageException(SecuredMessageException.Reason.SEQUENCE_EXHAUSTED,
                    "sequence number reached its maximum " + Long.toUnsignedString(maxSequenceNumber));
        }
    }

    /** Erases key and IV salt (zero-filled); the keys cannot be used afterwards. */
    @Override
    public void destroy() {
        key.destroy();
        ivSalt.destroy();
    }

    @Override
    public boolean isDestroyed() {
        return key.isDestroyed();
    }

    @Override
    public String toString() {
        return "DirectionKeys[" + aead + ", seq=" + Long.toUnsignedString(sequenceNumber)
                + (isDestroyed() ? ", erased]" : "]");
    }
}
