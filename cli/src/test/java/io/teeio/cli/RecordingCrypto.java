package io.teeio.cli;

import io.teeio.spdm.crypto.AeadAlgo;
import io.teeio.spdm.crypto.AeadAuthenticationException;
import io.teeio.spdm.crypto.BaseAsymAlgo;
import io.teeio.spdm.crypto.BaseHashAlgo;
import io.teeio.spdm.crypto.DheGroup;
import io.teeio.spdm.crypto.DheKeyPair;
import io.teeio.spdm.crypto.MeasurementHashAlgo;
import io.teeio.spdm.crypto.SpdmCrypto;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Delegates to real crypto and remembers every secret a run produced: random bytes (nonces, IDE key
 * material), HKDF outputs (session secrets and keys), AEAD and HMAC keys, as lower-case hex.
 */
final class RecordingCrypto implements SpdmCrypto {
    private final SpdmCrypto inner;
    private final Set<String> secrets;

    RecordingCrypto(SpdmCrypto inner, Set<String> secrets) {
        this.inner = inner;
        this.secrets = secrets;
    }

    static Set<String> newSet() {
        return ConcurrentHashMap.newKeySet();
    }

    private void keep(byte[] b) {
        boolean allZero = true;
        for (byte x : b) {
            allZero &= x == 0;
        }
        if (b.length >= 8 && !allZero) {
            secrets.add(HexFormat.of().formatHex(b));
        }
    }

    @Override
    public byte[] hash(BaseHashAlgo algo, byte[] data) {
        return inner.hash(algo, data);
    }

    @Override
    public HashContext newHash(BaseHashAlgo algo) {
        return inner.newHash(algo);
    }

    @Override
    public byte[] measurementHash(MeasurementHashAlgo algo, byte[] data) {
        return inner.measurementHash(algo, data);
    }

    @Override
    public byte[] hmac(BaseHashAlgo algo, byte[] key, byte[] data) {
        keep(key);
        return inner.hmac(algo, key, data);
    }

    @Override
    public byte[] sign(BaseAsymAlgo asym, BaseHashAlgo hash, PrivateKey key, byte[] message) {
        return inner.sign(asym, hash, key, message);
    }

    @Override
    public boolean verify(BaseAsymAlgo asym, BaseHashAlgo hash, PublicKey key, byte[] message, byte[] signature) {
        return inner.verify(asym, hash, key, message, signature);
    }

    @Override
    public void randomBytes(byte[] out) {
        inner.randomBytes(out);
        keep(out);
    }

    @Override
    public DheKeyPair generateDheKeyPair(DheGroup group) {
        return inner.generateDheKeyPair(group);
    }

    @Override
    public byte[] hkdfExtract(BaseHashAlgo algo, byte[] salt, byte[] ikm) {
        keep(ikm);
        byte[] out = inner.hkdfExtract(algo, salt, ikm);
        keep(out);
        return out;
    }

    @Override
    public byte[] hkdfExpand(BaseHashAlgo algo, byte[] prk, byte[] info, int length) {
        byte[] out = inner.hkdfExpand(algo, prk, info, length);
        keep(out);
        return out;
    }

    @Override
    public byte[] aeadSeal(AeadAlgo algo, byte[] key, byte[] iv, byte[] aad, byte[] plaintext) {
        keep(key);
        return inner.aeadSeal(algo, key, iv, aad, plaintext);
    }

    @Override
    public byte[] aeadOpen(AeadAlgo algo, byte[] key, byte[] iv, byte[] aad, byte[] ciphertextAndTag)
            throws AeadAuthenticationException {
        keep(key);
        return inner.aeadOpen(algo, key, iv, aad, ciphertextAndTag);
    }
}
