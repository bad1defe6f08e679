package io.teeio.spdm.session;

import io.teeio.spdm.crypto.AeadAlgo;
import io.teeio.spdm.crypto.SecretBytes;
import io.teeio.spdm.crypto.SpdmCrypto;

/** Deterministic direction keys for tests: sender and receiver each get their own copy of one key. */
final class TestKeys {
    private TestKeys() {
    }

    static byte[] pattern(int seed, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed * 31 + i * 7 + 1);
        }
        return b;
    }

    static DirectionKeys of(AeadAlgo aead, int seed, long maxSequenceNumber) {
        return new DirectionKeys(aead, SecretBytes.wrap(pattern(seed, aead.keySize())),
                SecretBytes.wrap(pattern(seed + 100, SpdmCrypto.AEAD_IV_SIZE)), maxSequenceNumber);
    }

    static DirectionKeys of(AeadAlgo aead, int seed) {
        return of(aead, seed, DirectionKeys.DEFAULT_MAX_SEQUENCE_NUMBER);
    }
}
