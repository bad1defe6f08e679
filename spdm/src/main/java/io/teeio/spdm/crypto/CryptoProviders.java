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
     * a connection holds (the private key as the identity generator makes it, the public key as parsed from
     * the leaf certificate): BouncyCastle for every EC operation, the JDK for RSA.
     *
     * <p>Measured 2026-11-28 on the project machine (2 cores shared with other builds, load average 7-12;
     * OpenJDK 17.0.15, bcprov 1.82), ms per operation, JDK / BouncyCastle. First JMH AsymBenchmark and
     * RsaBenchmark (-f 1 -wi 3 -i 5 -w 2s -r 2s), then {@code teeio bench --seconds 5} (JDK and BC iterations
     * in turn, median):
     * <pre>
     *              ECDSA sign     ECDSA verify   ECDH agree     EC key gen
     *   P-256 JMH   1.34 / 0.99    3.25 / 1.17    2.40 / 0.52    0.84 / 0.35
     *   P-256 cli   3.18 / 0.44    1.91 / 0.35    2.65 / 0.33    1.46 / 0.26
     *   P-384 JMH   7.94 / 0.66    3.35 / 2.05    2.17 / 0.95    1.74 / 0.55
     *   P-384 cli   1.80 / 0.26    2.37 / 0.70    3.73 / 1.16    1.59 / 0.48
     *   P-521 JMH  15.20 / 3.86    9.72 / 5.89    9.83 / 2.83    9.54 / 1.52
     *   P-521 cli   5.21 / 1.16   18.88 / 4.47   17.71 / 4.80    7.88 / 1.89
     *              RSA-3072 sign              RSA-3072 verify
     *   JMH        RSASSA 7.77 / 9.74         RSASSA 0.118 / 0.106
     *              RSAPSS 3.75 / 6.09         RSAPSS 0.139 / 0.091
     *   cli        RSASSA 13.50 / 17.91       RSASSA 0.259 / 0.306
     *   in turn    RSASSA 4.30 / 4.47         RSASSA 0.102 / 0.119   (10 rounds of 0.7 s each side, medians;
     *              RSAPSS 3.54 / 4.05         RSAPSS 0.087 / 0.090    JDK ahead in 5 and 9 of 10 for signing)
     * </pre>
     * BouncyCastle is ahead on every curve for every EC operation, by 2 to 13 times, in every run. RSA is
     * level within the noise (both do CRT exponentiation on java.math.BigInteger): the longer JMH run and the
     * in-turn rounds put the JDK ahead in signing, two 1-second {@code teeio bench} runs put BouncyCastle
     * ahead (9.02 / 7.00 and 9.86 / 6.08); the JDK keeps RSA on the longer runs. Absolute figures are
     * inflated by the load and vary from run to run; re-measure before changing this.
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
