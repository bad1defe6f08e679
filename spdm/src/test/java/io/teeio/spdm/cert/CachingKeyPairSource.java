package io.teeio.spdm.cert;

import io.teeio.spdm.crypto.BaseAsymAlgo;
import java.security.KeyPair;
import java.util.HashMap;
import java.util.Map;

/**
 * Test-only: memoises another source per (key type, seed), so RSA keys are generated once per test class.
 * RSASSA and RSAPSS of one size share keys, as the generator gives them the same key type.
 */
final class CachingKeyPairSource implements KeyPairSource {
    private final KeyPairSource delegate;
    private final Map<String, KeyPair> cache = new HashMap<>();

    CachingKeyPairSource(KeyPairSource delegate) {
        this.delegate = delegate;
    }

    @Override
    public synchronized KeyPair generate(BaseAsymAlgo algo, long seed) {
        String keyType = (algo.family() == BaseAsymAlgo.Family.ECDSA ? algo.curveName() : "RSA-" + algo.keyBits());
        return cache.computeIfAbsent(keyType + "/" + seed, k -> delegate.generate(algo, seed));
    }
}
