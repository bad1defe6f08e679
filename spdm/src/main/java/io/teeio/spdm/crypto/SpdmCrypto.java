package io.teeio.spdm.crypto;

import java.security.PrivateKey;
import java.security.PublicKey;

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

    interface HashContext {
        void update(byte[] data);

        /** The digest of everything so far; the context stays usable. */
        byte[] digestSoFar();
    }
}
