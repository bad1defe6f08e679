package io.teeio.spdm.cert;

import static io.teeio.spdm.cert.CertFixtures.NOW;
import static io.teeio.spdm.cert.CertFixtures.asymOf;
import static io.teeio.spdm.cert.CertFixtures.issue;
import static io.teeio.spdm.cert.CertFixtures.p256;
import static io.teeio.spdm.cert.CertFixtures.vectorChain;
import static io.teeio.spdm.cert.CertFixtures.vectorRoot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.spdm.codec.SpdmDecodeException;
import io.teeio.spdm.crypto.BaseAsymAlgo;
import io.teeio.spdm.vectors.LibspdmVectors;
import io.teeio.spdm.vectors.LibspdmVectors.Run;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChainVerifierTest {

    static List<Arguments> runsAndSlots() {
        return Arrays.stream(Run.values()).flatMap(r -> java.util.stream.Stream.of(Arguments.of(r, 0), Arguments.of(r, 1)))
                .toList();
    }

    private static ChainVerifier trusting(X509Certificate... anchors) {
        return new ChainVerifier(List.of(anchors));
    }

    @ParameterizedTest
    @MethodSource("runsAndSlots")
    void libspdmChainVerifiesAgainstItsOwnRoot(Run run, int slot) throws ChainVerificationException {
        SpdmCertChain chain = vectorChain(run, slot);
        X509Certificate root = vectorRoot(run, slot);
        VerifiedChain v = trusting(root).verify(chain, NOW, asymOf(run));
        assertEquals(chain.leaf().getPublicKey(), v.leafPublicKey());
        assertEquals(DerCertificates.subject(chain.leaf()), v.leafSubject());
        assertSame(root, v.anchor());
    }

    @ParameterizedTest
    @MethodSource("runsAndSlots")
    void libspdmChainFailsAgainstTheOtherSlotsRoot(Run run, int slot) {
        ChainVerificationException e = assertThrows(ChainVerificationException.class,
                () -> trusting(vectorRoot(run, 1 - slot)).verify(vectorChain(run, slot), NOW, asymOf(run)));
        assertTrue(e.getMessage().startsWith("chain is not rooted in any trust anchor: certificate 0 ("), e.getMessage());
    }

    @Test
    void aChainWithoutItsRootVerifiesWhenTheRootIsAnAnchorThatSignedItsFirstCertificate()
            throws ChainVerificationException {
        SpdmCertChain full = vectorChain(Run.B_ECDSA_P256, 0);
        X509Certificate root = vectorRoot(Run.B_ECDSA_P256, 0);
        VerifiedChain v = trusting(root).verify(full.certificates().subList(1, 3), NOW);
        assertSame(root, v.anchor());
    }

    @Test
    void anAnchorAmongSeveralIsFound() throws ChainVerificationException {
        X509Certificate other = vectorRoot(Run.B_ECDSA_P256, 1);
        X509Certificate own = vectorRoot(Run.B_ECDSA_P256, 0);
        assertSame(own, trusting(other, own).verify(vectorChain(Run.B_ECDSA_P256, 0), NOW,
                BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P256).anchor());
    }

    @Test
    void aChangedByteInTheLeafSignatureNamesTheLeafAndItsIssuer() throws SpdmDecodeException {
        byte[] bundle = LibspdmVectors.certChainDer(Run.A_ECDSA_P384, 0);
        bundle[bundle.length - 1] ^= 0x01;
        SpdmCertChain chain = SpdmCertChain.ofDer(bundle);
        ChainVerificationException e = assertThrows(ChainVerificationException.class,
                () -> trusting(vectorRoot(Run.A_ECDSA_P384, 0)).verify(chain, NOW, BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P384));
        assertEquals("certificate 2 (CN=DMTF libspdm ECP384 responder cert) is not signed by certificate 1"
                + " (CN=DMTF libspdm ECP384 intermediate cert): signature does not verify", e.getMessage());
    }

    @Test
    void aChangedByteInTheIntermediatesSignedPartNamesTheIntermediate() throws SpdmDecodeException {
        SpdmCertChain original = vectorChain(Run.C_RSAPSS3072, 0);
        byte[] bundle = original.concatenatedDer().toByteArray();
        int inIntermediateKey = original.certificatesDer().get(0).length() + 300;
        bundle[inIntermediateKey] ^= 0x40;
        SpdmCertChain chain = SpdmCertChain.ofDer(bundle);
        ChainVerificationException e = assertThrows(ChainVerificationException.class,
                () -> trusting(vectorRoot(Run.C_RSAPSS3072, 0)).verify(chain, NOW, BaseAsymAlgo.TPM_ALG_RSAPSS_3072));
        assertTrue(e.getMessage().startsWith("certificate 1 (CN=DMTF libspdm RSA intermediate cert) is not signed by"
                + " certificate 0"), e.getMessage());
    }

    /** Any one-byte change inside certificate i is reported (decode or verification) as a problem of certificate i. */
    @Property(tries = 150)
    void anyOneByteChangeFailsNamingTheChangedCertificate(@ForAll("changes") Tuple.Tuple2<Integer, Byte> change) {
        SpdmCertChain original = vectorChain(Run.B_ECDSA_P256, 0);
        byte[] bundle = original.concatenatedDer().toByteArray();
        int at = change.get1() % bundle.length;
        bundle[at] ^= change.get2() == 0 ? (byte) 0x80 : change.get2();
        int index = certificateHolding(original, at);
        String message;
        try {
            trusting(vectorRoot(Run.B_ECDSA_P256, 0)).verify(SpdmCertChain.ofDer(bundle), NOW,
                    BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P256);
            throw new AssertionError("a chain with byte " + at + " changed verified");
        } catch (SpdmDecodeException | ChainVerificationException e) {
            message = e.getMessage();
        }
        assertTrue(message.contains("certificate " + index), "byte " + at + " of certificate " + index + ": " + message);
    }

    private static int certificateHolding(SpdmCertChain chain, int offset) {
        int end = 0;
        for (int i = 0; i < chain.size(); i++) {
            end += chain.certificatesDer().get(i).length();
            if (offset < end) {
                return i;
            }
        }
        throw new IllegalArgumentException("offset " + offset + " past the chain");
    }

    @Provide
    Arbitrary<Tuple.Tuple2<Integer, Byte>> changes() {
        return Combinators.combine(Arbitraries.integers().between(0, 1_000_000), Arbitraries.bytes()).as(Tuple::of);
    }

    @Test
    void aCertificatePastItsNotAfterIsReportedExpired() {
        SpdmCertChain chain = vectorChain(Run.A_ECDSA_P384, 0);
        Instant after = chain.root().getNotAfter().toInstant().plusSeconds(1);
        ChainVerificationException e = assertThrows(ChainVerificationException.class,
                () -> trusting(chain.root()).verify(chain.certificates(), after));
        assertTrue(e.getMessage().startsWith("certificate 0 (CN=DMTF libspdm ECP384 CA) expired on "
                + chain.root().getNotAfter().toInstant()), e.getMessage());
    }

    @Test
    void aLeafNotYetValidIsNamed() {
        SpdmCertChain chain = vectorChain(Run.A_ECDSA_P384, 0);
        Instant before = chain.leaf().getNotBefore().toInstant().minusSeconds(1);
        ChainVerificationException e = assertThrows(ChainVerificationException.class,
                () -> trusting(chain.root()).verify(chain.certificates(), before));
        assertTrue(e.getMessage().startsWith("certificate 2 (CN=DMTF libspdm ECP384 responder cert) is not valid before "
                + chain.leaf().getNotBefore().toInstant()), e.getMessage());
    }

    @Test
    void aLeafKeyOfAnotherAlgorithmIsRejected() {
        ChainVerificationException e = assertThrows(ChainVerificationException.class,
                () -> trusting(vectorRoot(Run.A_ECDSA_P384, 0)).verify(vectorChain(Run.A_ECDSA_P384, 0), NOW,
                        BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P256));
        assertTrue(e.getMessage().contains("has an EC secp384r1 key, which does not fit TPM_ALG_ECDSA_ECC_NIST_P256"),
                e.getMessage());
    }

    @Test
    void anRsaLeafFitsBothRsaSchemesOfItsSize() throws ChainVerificationException {
        ChainVerifier v = trusting(vectorRoot(Run.C_RSAPSS3072, 0));
        v.verify(vectorChain(Run.C_RSAPSS3072, 0), NOW, BaseAsymAlgo.TPM_ALG_RSASSA_3072);
        assertThrows(ChainVerificationException.class,
                () -> v.verify(vectorChain(Run.C_RSAPSS3072, 0), NOW, BaseAsymAlgo.TPM_ALG_RSAPSS_2048));
    }

    @Test
    void skippingTheIntermediateBreaksTheNameLink() {
        SpdmCertChain chain = vectorChain(Run.B_ECDSA_P256, 0);
        List<X509Certificate> skipped = List.of(chain.root(), chain.leaf());
        ChainVerificationException e = assertThrows(ChainVerificationException.class,
                () -> trusting(chain.root()).verify(skipped, NOW));
        assertEquals("certificate 1 (CN=DMTF libspdm ECP256 responder cert) names issuer CN=DMTF libspdm ECP256"
                + " intermediate cert, but certificate 0 is CN=DMTF libspdm ECP256 CA", e.getMessage());
    }

    @Test
    void aLeafThatIssuesACertificateIsNotACa() {
        KeyPair root = p256();
        KeyPair leaf = p256();
        KeyPair extra = p256();
        X509Certificate rootCert = issue("CN=r", root.getPublic(), "CN=r", root.getPrivate(), 1, KeyUsage.keyCertSign);
        X509Certificate leafCert = issue("CN=l", leaf.getPublic(), "CN=r", root.getPrivate(), -1, KeyUsage.digitalSignature);
        X509Certificate extraCert = issue("CN=x", extra.getPublic(), "CN=l", leaf.getPrivate(), -1,
                KeyUsage.digitalSignature);
        ChainVerificationException e = assertThrows(ChainVerificationException.class,
                () -> trusting(rootCert).verify(List.of(rootCert, leafCert, extraCert), NOW));
        assertEquals("certificate 1 (CN=l) is not a CA (basicConstraints cA is absent or false) but issues certificate 2",
                e.getMessage());
    }

    @Test
    void aCaWithoutBasicConstraintsIsNotACa() {
        KeyPair root = p256();
        KeyPair leaf = p256();
        X509Certificate rootCert = issue("CN=r", root.getPublic(), "CN=r", root.getPrivate(), -2, 0);
        X509Certificate leafCert = issue("CN=l", leaf.getPublic(), "CN=r", root.getPrivate(), -1, KeyUsage.digitalSignature);
        ChainVerificationException e = assertThrows(ChainVerificationException.class,
                () -> trusting(rootCert).verify(List.of(rootCert, leafCert), NOW));
        assertTrue(e.getMessage().startsWith("certificate 0 (CN=r) is not a CA"), e.getMessage());
    }

    @Test
    void aPathLengthConstraintLimitsTheCasBelow() {
        KeyPair root = p256();
        KeyPair ca = p256();
        KeyPair leaf = p256();
        X509Certificate rootCert = issue("CN=r", root.getPublic(), "CN=r", root.getPrivate(), 0, KeyUsage.keyCertSign);
        X509Certificate caCert = issue("CN=c", ca.getPublic(), "CN=r", root.getPrivate(), 0, KeyUsage.keyCertSign);
        X509Certificate leafCert = issue("CN=l", leaf.getPublic(), "CN=c", ca.getPrivate(), -1, KeyUsage.digitalSignature);
        ChainVerificationException e = assertThrows(ChainVerificationException.class,
                () -> trusting(rootCert).verify(List.of(rootCert, caCert, leafCert), NOW));
        assertEquals("certificate 0 (CN=r) allows 0 CA certificates below it (pathLenConstraint), the chain has 1",
                e.getMessage());
    }

    @Test
    void aCaWhoseKeyUsageLacksKeyCertSignMayNotIssue() {
        KeyPair root = p256();
        KeyPair leaf = p256();
        X509Certificate rootCert = issue("CN=r", root.getPublic(), "CN=r", root.getPrivate(), 1, KeyUsage.cRLSign);
        X509Certificate leafCert = issue("CN=l", leaf.getPublic(), "CN=r", root.getPrivate(), -1, KeyUsage.digitalSignature);
        ChainVerificationException e = assertThrows(ChainVerificationException.class,
                () -> trusting(rootCert).verify(List.of(rootCert, leafCert), NOW));
        assertTrue(e.getMessage().startsWith("certificate 0 (CN=r) may not sign certificates"), e.getMessage());
    }

    @Test
    void aLeafWithoutDigitalSignatureUsageIsRejected() {
        KeyPair root = p256();
        KeyPair leaf = p256();
        X509Certificate rootCert = issue("CN=r", root.getPublic(), "CN=r", root.getPrivate(), 1, KeyUsage.keyCertSign);
        X509Certificate leafCert = issue("CN=l", leaf.getPublic(), "CN=r", root.getPrivate(), -1, KeyUsage.keyAgreement);
        ChainVerificationException e = assertThrows(ChainVerificationException.class,
                () -> trusting(rootCert).verify(List.of(rootCert, leafCert), NOW));
        assertTrue(e.getMessage().startsWith("leaf certificate 1 (CN=l) lacks keyUsage digitalSignature"), e.getMessage());
    }

    @Test
    void anAnchorThatIsNotACaRootsNothing() {
        KeyPair notCa = p256();
        KeyPair leaf = p256();
        X509Certificate anchor = issue("CN=r", notCa.getPublic(), "CN=r", notCa.getPrivate(), -1, KeyUsage.digitalSignature);
        X509Certificate leafCert = issue("CN=l", leaf.getPublic(), "CN=r", notCa.getPrivate(), -1, KeyUsage.digitalSignature);
        ChainVerificationException e = assertThrows(ChainVerificationException.class,
                () -> trusting(anchor).verify(List.of(leafCert), NOW));
        assertTrue(e.getMessage().startsWith("chain is not rooted in any trust anchor"), e.getMessage());
    }

    @Test
    void aChainWhoseIssuerIsUnknownSaysSo() {
        SpdmCertChain chain = vectorChain(Run.B_ECDSA_P256, 0);
        ChainVerificationException e = assertThrows(ChainVerificationException.class,
                () -> trusting(vectorRoot(Run.A_ECDSA_P384, 0)).verify(chain.certificates().subList(1, 3), NOW));
        assertEquals("chain is not rooted in any trust anchor: certificate 0 (CN=DMTF libspdm ECP256 intermediate cert)"
                + " is not a trust anchor and no trust anchor is named CN=DMTF libspdm ECP256 CA (its issuer)", e.getMessage());
    }

    @Test
    void anEmptyChainIsRejected() {
        ChainVerificationException e = assertThrows(ChainVerificationException.class,
                () -> trusting(vectorRoot(Run.A_ECDSA_P384, 0)).verify(List.of(), NOW));
        assertEquals("chain is empty", e.getMessage());
    }
}
