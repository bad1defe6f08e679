package io.teeio.spdm.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.spdm.cert.KeyPairSource;
import java.security.KeyPair;
import java.security.Provider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Each provider choice works, and works with the other: signatures and shared secrets cross providers. */
class CryptoProvidersTest {
    private static final CryptoProviders JDK = CryptoProviders.jdk();
    private static final CryptoProviders BC = CryptoProviders.bouncyCastle();
    private static final byte[] MESSAGE = new byte[100 + 48];

    private static JcaSpdmCrypto crypto(CryptoProviders p, long seed) {
        return new JcaSpdmCrypto(p, JcaSpdmCrypto.seededRandom(seed));
    }

    static Stream<Arguments> ecdsaBothWays() {
        return Stream.of(BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P256, BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P384,
                BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P521).flatMap(a -> Stream.of(
                Arguments.of(a, "JDK", "BC"), Arguments.of(a, "BC", "JDK")));
    }

    private static CryptoProviders named(String name) {
        return name.equals("JDK") ? JDK : BC;
    }

    @ParameterizedTest(name = "{0}: signed by {1}, verified by {2}")
    @MethodSource("ecdsaBothWays")
    void ecdsaSignatureOfOneProviderVerifiesUnderTheOther(BaseAsymAlgo asym, String signer, String verifier) {
        KeyPair kp = KeyPairSource.seeded(BC.ecdsaSign()).generate(asym, 5);
        byte[] sig = crypto(named(signer), 1).sign(asym, asym.naturalHash(), kp.getPrivate(), MESSAGE);
        assertEquals(asym.signatureSize(), sig.length, "raw r||s of the curve's size");
        assertTrue(crypto(named(verifier), 2).verify(asym, asym.naturalHash(), kp.getPublic(), MESSAGE, sig));
    }

    @ParameterizedTest
    @EnumSource(value = BaseAsymAlgo.class, names = {"TPM_ALG_RSASSA_2048", "TPM_ALG_RSAPSS_2048"})
    void rsaSignatureOfTheJdkVerifiesUnderBouncyCastleAndBack(BaseAsymAlgo asym) {
        KeyPair kp = KeyPairSource.seeded(BC.rsa()).generate(asym, 6);
        BaseHashAlgo hash = BaseHashAlgo.TPM_ALG_SHA_256;
        byte[] byJdk = crypto(JDK, 3).sign(asym, hash, kp.getPrivate(), MESSAGE);
        byte[] byBc = crypto(BC, 4).sign(asym, hash, kp.getPrivate(), MESSAGE);
        assertTrue(crypto(BC, 5).verify(asym, hash, kp.getPublic(), MESSAGE, byJdk));
        assertTrue(crypto(JDK, 6).verify(asym, hash, kp.getPublic(), MESSAGE, byBc));
    }

    @ParameterizedTest
    @EnumSource(DheGroup.class)
    void dheKeyPairsOfTheTwoProvidersAgreeOnOneSecret(DheGroup group) throws Exception {
        try (DheKeyPair a = crypto(JDK, 7).generateDheKeyPair(group);
             DheKeyPair b = crypto(BC, 8).generateDheKeyPair(group)) {
            assertTrue(a.agree(b.publicValue()).contentEquals(b.agree(a.publicValue()).copy()));
        }
    }

    @ParameterizedTest
    @EnumSource(DheGroup.class)
    void keyPairOfOneProviderAgreesThroughTheOther(DheGroup group) throws Exception {
        CryptoProviders mixed = JDK.with(CryptoProviders.Operation.ECDH_AGREEMENT, BC.ecdhAgreement());
        try (DheKeyPair a = crypto(mixed, 9).generateDheKeyPair(group);
             DheKeyPair b = crypto(JDK, 10).generateDheKeyPair(group)) {
            assertTrue(a.agree(b.publicValue()).contentEquals(b.agree(a.publicValue()).copy()));
        }
    }

    @ParameterizedTest
    @EnumSource(DheGroup.class)
    void bouncyCastleAgreementRejectsAPointOffTheCurve(DheGroup group) {
        try (DheKeyPair a = crypto(BC, 11).generateDheKeyPair(group)) {
            byte[] v = crypto(BC, 12).generateDheKeyPair(group).publicValue();
            v[v.length - 1] ^= 0x01;
            assertThrows(DhePublicValueException.class, () -> a.agree(v));
        }
    }

    @ParameterizedTest
    @EnumSource(CryptoProviders.Operation.class)
    void withReplacesOnlyTheNamedOperation(CryptoProviders.Operation op) {
        Provider other = BC.ecdsaSign();
        CryptoProviders changed = JDK.with(op, other);
        for (CryptoProviders.Operation o : CryptoProviders.Operation.values()) {
            if (o == op) {
                assertSame(other, changed.provider(o));
            } else {
                assertSame(JDK.provider(o), changed.provider(o), o.name());
            }
        }
    }

    @Test
    void theConstructorWithoutProvidersUsesTheMeasuredDefault() {
        CryptoProviders used = new JcaSpdmCrypto(JcaSpdmCrypto.seededRandom(1)).providers();
        CryptoProviders measured = CryptoProviders.measuredDefault();
        for (CryptoProviders.Operation o : CryptoProviders.Operation.values()) {
            assertEquals(measured.provider(o).getName(), used.provider(o).getName(), o.name());
        }
    }

    @Test
    void bouncyCastleInstancesArePrivateToEachRecord() {
        assertNotSame(CryptoProviders.bouncyCastle().ecdsaSign(), CryptoProviders.bouncyCastle().ecdsaSign());
    }

    @Test
    void toStringNamesTheProviderOfEachOperation() {
        String s = JDK.with(CryptoProviders.Operation.ECDSA_VERIFY, BC.ecdsaVerify()).toString();
        assertTrue(s.contains("ECDSA sign SunEC") && s.contains("ECDSA verify BC") && s.contains("RSA SunRsaSign"), s);
    }
}
