package io.teeio.spdm.cert;

import static io.teeio.spdm.cert.CertFixtures.IDS;
import static io.teeio.spdm.cert.CertFixtures.NOW;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.spdm.crypto.BaseAsymAlgo;
import io.teeio.spdm.crypto.BaseHashAlgo;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdentityGeneratorTest {
    private static final long SEED = 0x5eedL;

    private final BouncyCastleProvider bc = new BouncyCastleProvider();
    private final IdentityGenerator cached = new IdentityGenerator(bc, new CachingKeyPairSource(KeyPairSource.seeded(bc)));
    private final Map<BaseAsymAlgo, DeviceIdentity> identities = new EnumMap<>(BaseAsymAlgo.class);

    private DeviceIdentity responder(BaseAsymAlgo algo) {
        return identities.computeIfAbsent(algo, a -> cached.generate(IdentitySpec.responder(a, SEED, IDS)));
    }

    private static byte[] extension(X509Certificate c, String oid) {
        byte[] ext = c.getExtensionValue(oid);
        return ext == null ? null : ASN1OctetString.getInstance(ext).getOctets();
    }

    @ParameterizedTest
    @EnumSource(BaseAsymAlgo.class)
    void generatedChainVerifiesAgainstItsRootForItsAlgorithm(BaseAsymAlgo algo) throws ChainVerificationException {
        DeviceIdentity id = responder(algo);
        VerifiedChain v = new ChainVerifier(List.of(id.chain().root())).verify(id.chain(), NOW, algo);
        assertEquals(id.publicKey(), v.leafPublicKey());
        assertEquals(algo, id.asym());
        assertEquals(3, id.chain().size());
    }

    @ParameterizedTest
    @EnumSource(BaseAsymAlgo.class)
    void generatedLeafCarriesTheCmaSubjectAltName(BaseAsymAlgo algo) {
        assertEquals(Optional.of(IDS.sanString()), DeviceIds.sanStringIn(responder(algo).leaf()));
    }

    @ParameterizedTest
    @EnumSource(BaseAsymAlgo.class)
    void certificatesAreSignedWithTheSuitesFamily(BaseAsymAlgo algo) {
        for (X509Certificate c : responder(algo).chain().certificates()) {
            String sig = c.getSigAlgName().toUpperCase();
            assertTrue(algo.family() == BaseAsymAlgo.Family.ECDSA ? sig.endsWith("WITHECDSA") : sig.endsWith("WITHRSA"), sig);
        }
    }

    @Test
    void ecdsaCertificatesUseTheCurvesNaturalHash() {
        assertEquals("SHA384withECDSA", responder(BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P384).leaf().getSigAlgName());
        assertEquals("SHA512withECDSA", responder(BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P521).leaf().getSigAlgName());
    }

    @Test
    void rsaPssLeafHasAnRsaEncryptionKeyAsLibspdmSamplesDo() {
        assertEquals("1.2.840.113549.1.1.1", org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(
                responder(BaseAsymAlgo.TPM_ALG_RSAPSS_3072).publicKey().getEncoded()).getAlgorithm().getAlgorithm().getId());
    }

    // ---- the leaf and root checks libspdm's requester applies (libspdm_x509_certificate_check, is_root_certificate) ----

    @Test
    void leafIsVersion3WithAPositiveSerial() {
        X509Certificate leaf = responder(BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P256).leaf();
        assertEquals(3, leaf.getVersion());
        assertTrue(leaf.getSerialNumber().signum() > 0);
    }

    @Test
    void leafBasicConstraintsIsTheCriticalEmptySequenceLibspdmCompares() {
        X509Certificate leaf = responder(BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P384).leaf();
        assertArrayEquals(new byte[] {0x30, 0x00}, extension(leaf, "2.5.29.19"));
        assertTrue(leaf.getCriticalExtensionOIDs().contains("2.5.29.19"));
        assertEquals(-1, leaf.getBasicConstraints());
    }

    @Test
    void leafKeyUsageHasDigitalSignature() {
        assertTrue(responder(BaseAsymAlgo.TPM_ALG_RSASSA_2048).leaf().getKeyUsage()[0]);
    }

    @Test
    void responderLeafHasTheDmtfResponderAuthExtendedKeyUsage() {
        byte[] eku = extension(responder(BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P256).leaf(), "2.5.29.37");
        ExtendedKeyUsage usage = ExtendedKeyUsage.getInstance(eku);
        assertTrue(usage.hasKeyPurposeId(KeyPurposeId.getInstance(new ASN1ObjectIdentifier("1.3.6.1.4.1.412.274.3"))));
        assertFalse(usage.hasKeyPurposeId(KeyPurposeId.getInstance(new ASN1ObjectIdentifier("1.3.6.1.4.1.412.274.4"))));
    }

    @Test
    void leafHasTheSpdmExtensionNamingHardwareIdentityWithinLibspdmsSizeLimit() {
        byte[] ext = extension(responder(BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P256).leaf(), "1.3.6.1.4.1.412.274.6");
        assertTrue(ext.length <= 30, "libspdm reads at most 30 bytes of it, got " + ext.length);
        ASN1Sequence oids = ASN1Sequence.getInstance(ext);
        assertEquals("1.3.6.1.4.1.412.274.2",
                ASN1ObjectIdentifier.getInstance(ASN1Sequence.getInstance(oids.getObjectAt(0)).getObjectAt(0)).getId());
    }

    @ParameterizedTest
    @EnumSource(BaseAsymAlgo.class)
    void everyNameFitsLibspdmsHundredByteBuffer(BaseAsymAlgo algo) {
        for (X509Certificate c : responder(algo).chain().certificates()) {
            assertTrue(c.getSubjectX500Principal().getEncoded().length <= 100, DerCertificates.subject(c));
            assertTrue(c.getIssuerX500Principal().getEncoded().length <= 100, DerCertificates.issuer(c));
        }
    }

    @Test
    void rootIsSelfSignedWithCriticalCaTrue() {
        X509Certificate root = responder(BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P384).chain().root();
        assertTrue(DerCertificates.selfSigned(root));
        byte[] bc = extension(root, "2.5.29.19");
        assertEquals(0x30, bc[0]);
        assertArrayEquals(new byte[] {0x01, 0x01, (byte) 0xFF}, java.util.Arrays.copyOfRange(bc, 2, 5));
        assertTrue(root.getCriticalExtensionOIDs().contains("2.5.29.19"));
    }

    @Test
    void caCertificatesMaySignCertificatesAndCrls() {
        for (X509Certificate c : responder(BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P256).chain().certificates().subList(0, 2)) {
            assertTrue(c.getKeyUsage()[5] && c.getKeyUsage()[6], DerCertificates.subject(c));
            assertTrue(c.getBasicConstraints() >= 0);
        }
    }

    @Test
    void everyCertificateHasKeyIdentifiersLinkingToItsIssuer() {
        List<X509Certificate> chain = responder(BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P256).chain().certificates();
        for (int i = 1; i < chain.size(); i++) {
            byte[] ski = org.bouncycastle.asn1.x509.SubjectKeyIdentifier.getInstance(
                    extension(chain.get(i - 1), "2.5.29.14")).getKeyIdentifier();
            byte[] aki = org.bouncycastle.asn1.x509.AuthorityKeyIdentifier.getInstance(
                    extension(chain.get(i), "2.5.29.35")).getKeyIdentifierOctets();
            assertArrayEquals(ski, aki, "certificate " + i);
        }
    }

    @Test
    void validityIsTheFixedDefaultWindow() {
        X509Certificate leaf = responder(BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P256).leaf();
        assertEquals(IdentitySpec.DEFAULT_NOT_BEFORE, leaf.getNotBefore().toInstant());
        assertEquals(IdentitySpec.DEFAULT_NOT_AFTER, leaf.getNotAfter().toInstant());
    }

    @Test
    void aCustomValidityWindowIsUsed() {
        Instant from = Instant.parse("2030-01-01T00:00:00Z");
        Instant to = Instant.parse("2031-01-01T00:00:00Z");
        DeviceIdentity id = cached.generate(IdentitySpec.responder(BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P256, SEED, IDS)
                .withValidity(from, to));
        assertEquals(to, id.chain().root().getNotAfter().toInstant());
        assertThrows(ChainVerificationException.class,
                () -> new ChainVerifier(List.of(id.chain().root())).verify(id.chain().certificates(), NOW));
    }

    // ---- determinism ----

    @ParameterizedTest
    @EnumSource(value = BaseAsymAlgo.class, names = {"TPM_ALG_ECDSA_ECC_NIST_P384", "TPM_ALG_RSASSA_2048"})
    void theSameSeedGivesByteIdenticalCertificatesAndKeys(BaseAsymAlgo algo) {
        IdentitySpec spec = IdentitySpec.responder(algo, 77, IDS);
        DeviceIdentity a = new IdentityGenerator(bc).generate(spec);
        DeviceIdentity b = new IdentityGenerator(bc).generate(spec);
        assertEquals(a.chain(), b.chain());
        assertArrayEquals(a.privateKey().getEncoded(), b.privateKey().getEncoded());
    }

    @Test
    void differentSeedsGiveDifferentKeysAndChains() {
        DeviceIdentity a = cached.generate(IdentitySpec.responder(BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P256, 1, IDS));
        DeviceIdentity b = cached.generate(IdentitySpec.responder(BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P256, 2, IDS));
        assertNotEquals(a.chain(), b.chain());
        assertNotEquals(a.publicKey(), b.publicKey());
        assertNotEquals(a.chain().root().getPublicKey(), b.chain().root().getPublicKey());
    }

    @Test
    void aChainFromOneSeedDoesNotVerifyAgainstAnotherSeedsRoot() {
        DeviceIdentity a = cached.generate(IdentitySpec.responder(BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P256, 1, IDS));
        DeviceIdentity b = cached.generate(IdentitySpec.responder(BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P256, 2, IDS));
        ChainVerificationException e = assertThrows(ChainVerificationException.class,
                () -> new ChainVerifier(List.of(a.chain().root())).verify(b.chain(), NOW,
                        BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P256));
        assertTrue(e.getMessage().startsWith("chain is not rooted in any trust anchor"), e.getMessage());
    }

    @Test
    void theDigestOfAGeneratedChainIsStableAcrossGenerators() {
        IdentitySpec spec = IdentitySpec.responder(BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P256, 9, IDS);
        var crypto = CertFixtures.crypto();
        assertArrayEquals(cached.generate(spec).chain().digest(BaseHashAlgo.TPM_ALG_SHA_256, crypto),
                new IdentityGenerator(bc).generate(spec).chain().digest(BaseHashAlgo.TPM_ALG_SHA_256, crypto));
    }

    // ---- roles and slots ----

    @Test
    void requesterLeafHasTheRequesterAuthUsageAndNoCmaName() {
        DeviceIdentity id = cached.generate(IdentitySpec.requester(BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P256, SEED));
        ExtendedKeyUsage usage = ExtendedKeyUsage.getInstance(extension(id.leaf(), "2.5.29.37"));
        assertTrue(usage.hasKeyPurposeId(KeyPurposeId.getInstance(new ASN1ObjectIdentifier("1.3.6.1.4.1.412.274.4"))));
        assertEquals(Optional.empty(), DeviceIds.sanStringIn(id.leaf()));
    }

    @Test
    void generatedSlotsFollowTheMask() {
        SlotIdentities slots = cached.generateSlots(
                IdentitySpec.responder(BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P256, SEED, IDS), 0x05);
        assertEquals(0x05, slots.slotMask());
        assertEquals(List.of(0, 2), slots.slots());
    }

    @Test
    void eachGeneratedSlotHasItsOwnRoot() {
        SlotIdentities slots = cached.generateSlots(
                IdentitySpec.responder(BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P256, SEED, IDS), 0x03);
        SpdmCertChain slot1 = slots.slot(1).orElseThrow().chain();
        assertThrows(ChainVerificationException.class,
                () -> new ChainVerifier(List.of(slots.slot(0).orElseThrow().chain().root())).verify(slot1.certificates(), NOW));
    }

    @Test
    void aSlotMaskOutsideEightSlotsIsRejected() {
        IdentitySpec spec = IdentitySpec.responder(BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P256, SEED, IDS);
        assertThrows(IllegalArgumentException.class, () -> cached.generateSlots(spec, 0x100));
        assertThrows(IllegalArgumentException.class, () -> cached.generateSlots(spec, 0));
    }

    @Test
    void aLabelTooLongForLibspdmsNameBufferIsRejected() {
        IdentitySpec spec = IdentitySpec.responder(BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P256, SEED, IDS);
        assertThrows(IllegalArgumentException.class, () -> spec.withLabel("x".repeat(41)));
    }
}
