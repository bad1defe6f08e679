package io.teeio.spdm.crypto;

import java.nio.ByteBuffer;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.random.RandomGenerator;

/**
 * Every cryptographic operation the SPDM engines use, per negotiated algorithm. Protocol code reaches
 * cryptography only through this, so a faster provider can be swapped in without touching it.
 */
public interface SpdmCrypto {

    byte[] hash(BaseHashAlgo algo, byte[] data);

    /** An incremental hash, for transcripts that grow message by message. */
    HashContext newHash(BaseHashAlgo algo);

    byte[] measurementHash(MeasurementHashAlgo algo, byte[] data);

    byte[] hmac(BaseHashAlgo algo, byte[] key, byte[] data);

    /**
     * Signs {@code message} (for SPDM 1.2: combined prefix || Hash(transcript)) hash-then-sign with
     * {@code hash}; ECDSA signatures come back as raw r||s of the curve's size.
     */
    byte[] sign(BaseAsymAlgo asym, BaseHashAlgo hash, PrivateKey key, byte[] message);

    /** True when {@code signature} (raw r||s for ECDSA) is valid over {@code message}; never throws on bad input. */
    boolean verify(BaseAsymAlgo asym, BaseHashAlgo hash, PublicKey key, byte[] message, byte[] signature);

    void randomBytes(byte[] out);

    default byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        randomBytes(b);
        return b;
    }

    /** Draws from {@link #randomBytes}, for session IDs and nonces that protocol code picks as numbers. */
    default RandomGenerator randomGenerator() {
        return () -> ByteBuffer.wrap(randomBytes(8)).getLong();
    }

    interface HashContext {
        void update(byte[] data);

        /** The digest of everything so far; the context stays usable. */
        byte[] digestSoFar();
    }

    // ---- Session cryptography (DSP0274 key schedule, DSP0277 secured messages): DHE, HKDF, AEAD ----

    /** Nonce size of every SPDM AEAD. */
    int AEAD_IV_SIZE = 12;

    /** Tag (MAC) size of every SPDM AEAD; sealed output is ciphertext || tag. */
    int AEAD_TAG_SIZE = 16;

    /** A fresh ephemeral key pair for KEY_EXCHANGE. */
    DheKeyPair generateDheKeyPair(DheGroup group);

    /** RFC 5869 HKDF-Extract with HMAC-{@code algo}; an empty salt means H zero bytes. */
    byte[] hkdfExtract(BaseHashAlgo algo, byte[] salt, byte[] ikm);

    /** RFC 5869 HKDF-Expand with HMAC-{@code algo}; {@code length} at most 255 * H. */
    byte[] hkdfExpand(BaseHashAlgo algo, byte[] prk, byte[] info, int length);

    /**
     * AEAD encryption: returns ciphertext || 16-byte tag.
     *
     * @throws IllegalArgumentException when the key is not {@code algo.keySize()} bytes or the IV not 12
     */
    byte[] aeadSeal(AeadAlgo algo, byte[] key, byte[] iv, byte[] aad, byte[] plaintext);

    /**
     * AEAD decryption of ciphertext || tag.
     *
     * @throws AeadAuthenticationException when the tag does not verify (or the input is shorter than a tag)
     * @throws IllegalArgumentException    when the key is not {@code algo.keySize()} bytes or the IV not 12
     */
    byte[] aeadOpen(AeadAlgo algo, byte[] key, byte[] iv, byte[] aad, byte[] ciphertextAndTag)
            throws AeadAuthenticationException;
}
