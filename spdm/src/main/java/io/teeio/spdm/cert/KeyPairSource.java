package io.teeio.spdm.cert;

import io.teeio.spdm.crypto.BaseAsymAlgo;
import io.teeio.spdm.crypto.JcaSpdmCrypto;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;

/**
 * Makes the key pair for an algorithm as a pure function of a seed. An interface so that callers who
 * generate many identities (tests, benchmarks) can memoise the slow RSA sizes.
 */
@FunctionalInterface
public interface KeyPairSource {

    /** The same (algo's key type, seed) must always give the same key pair. */
    KeyPair generate(BaseAsymAlgo algo, long seed);

    /**
     * Key pairs from {@code provider}'s generators driven by {@link JcaSpdmCrypto#seededRandom}. With the
     * pinned BouncyCastle provider the output depends only on the seed and the BC version, not on the JDK's
     * own RSA/EC generators, which may change between JDK releases.
     */
    static KeyPairSource seeded(Provider provider) {
        return (algo, seed) -> {
            SecureRandom random = JcaSpdmCrypto.seededRandom(seed);
            try {
                boolean ec = algo.family() == BaseAsymAlgo.Family.ECDSA;
                KeyPairGenerator g = KeyPairGenerator.getInstance(ec ? "EC" : "RSA", provider);
                AlgorithmParameterSpec spec = ec ? new ECGenParameterSpec(algo.curveName())
                        : new RSAKeyGenParameterSpec(algo.keyBits(), RSAKeyGenParameterSpec.F4);
                g.initialize(spec, random);
                return g.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot generate a key for " + algo + ": " + e.getMessage(), e);
            }
        };
    }
}
