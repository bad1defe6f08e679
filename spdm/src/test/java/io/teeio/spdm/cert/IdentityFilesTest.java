package io.teeio.spdm.cert;

import static io.teeio.spdm.cert.CertFixtures.IDS;
import static io.teeio.spdm.cert.CertFixtures.pem;
import static io.teeio.spdm.cert.CertFixtures.vectorChain;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.spdm.crypto.BaseAsymAlgo;
import io.teeio.spdm.crypto.BaseHashAlgo;
import io.teeio.spdm.vectors.LibspdmVectors;
import io.teeio.spdm.vectors.LibspdmVectors.Run;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdentityFilesTest {
    private final BouncyCastleProvider bc = new BouncyCastleProvider();
    private final IdentityGenerator generator = new IdentityGenerator(bc, new CachingKeyPairSource(KeyPairSource.seeded(bc)));
    private final DeviceIdentity ec = generator.generate(IdentitySpec.responder(BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P384, 3, IDS));
    private final DeviceIdentity rsa = generator.generate(IdentitySpec.responder(BaseAsymAlgo.TPM_ALG_RSASSA_2048, 3, IDS));

    @TempDir
    Path dir;

    private Path file(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private Path file(String name, String content) throws IOException {
        return file(name, content.getBytes(StandardCharsets.US_ASCII));
    }

    private static void assertSameKey(PrivateKey expected, PrivateKey actual) {
        assertArrayEquals(expected.getEncoded(), actual.getEncoded());
    }

    // ---- chains and certificates ----

    @Test
    void aChainWrittenAsDerReadsBackEqual() throws IdentityException {
        Path f = dir.resolve("chain.der");
        IdentityFiles.writeChainDer(f, ec.chain());
        assertEquals(ec.chain(), IdentityFiles.loadChain(f));
    }

    @Test
    void aChainWrittenAsPemReadsBackEqual() throws IdentityException {
        Path f = dir.resolve("chain.pem");
        IdentityFiles.writeChainPem(f, rsa.chain());
        assertEquals(rsa.chain(), IdentityFiles.loadChain(f));
    }

    @Test
    void libspdmsBundleFileLoadsAsItsChain() throws IOException, IdentityException {
        Path f = file("bundle_responder.certchain.der", LibspdmVectors.certChainDer(Run.A_ECDSA_P384, 0));
        assertEquals(vectorChain(Run.A_ECDSA_P384, 0), IdentityFiles.loadChain(f));
    }

    @Test
    void anSpdmChainStructureLoadsWithItsHashSizeInferred() throws IOException, IdentityException {
        SpdmCertChain chain = vectorChain(Run.B_ECDSA_P256, 1);
        Path f = file("chain.spdm", chain.encode(BaseHashAlgo.TPM_ALG_SHA_512, CertFixtures.crypto()));
        assertEquals(chain, IdentityFiles.loadChain(f));
    }

    @Test
    void aCertificateWrittenAsPemIsOneTrustAnchor() throws IdentityException {
        Path f = dir.resolve("root.pem");
        IdentityFiles.writeCertificatePem(f, ec.chain().root());
        assertEquals(List.of(ec.chain().root()), IdentityFiles.loadTrustAnchors(f));
    }

    @Test
    void aCertificateWrittenAsDerIsOneTrustAnchor() throws IdentityException {
        Path f = dir.resolve("root.der");
        IdentityFiles.writeCertificateDer(f, rsa.chain().root());
        assertEquals(List.of(rsa.chain().root()), IdentityFiles.loadTrustAnchors(f));
    }

    @Test
    void severalAnchorsLoadFromOnePemAndFromConcatenatedDer() throws IOException, IdentityException {
        String both = pem("CERTIFICATE", ec.chain().certificatesDer().get(0).toByteArray())
                + pem("CERTIFICATE", rsa.chain().certificatesDer().get(0).toByteArray());
        Path p = file("anchors.pem", "issuer notes before the blocks are ignored\n" + both);
        Path d = file("anchors.der", LibspdmVectors.certChainDer(Run.B_ECDSA_P256, 0));
        assertEquals(List.of(ec.chain().root(), rsa.chain().root()), IdentityFiles.loadTrustAnchors(p));
        assertEquals(3, IdentityFiles.loadTrustAnchors(d).size());
        assertEquals(5, IdentityFiles.loadTrustAnchors(List.of(p, d)).size());
    }

    @Test
    void aLoadedLibspdmRootVerifiesTheLoadedBundle() throws IOException, IdentityException, ChainVerificationException {
        Path root = file("ca.cert.der", LibspdmVectors.rootCaDer(Run.C_RSAPSS3072, 1));
        Path bundle = file("bundle.der", LibspdmVectors.certChainDer(Run.C_RSAPSS3072, 1));
        new ChainVerifier(IdentityFiles.loadTrustAnchors(root)).verify(IdentityFiles.loadChain(bundle), CertFixtures.NOW,
                BaseAsymAlgo.TPM_ALG_RSAPSS_3072);
    }

    // ---- private keys in every form ----

    @Test
    void anEcKeyWrittenAsPemPkcs8ReadsBack() throws IdentityException, IOException {
        Path f = dir.resolve("key.pem");
        IdentityFiles.writePrivateKeyPem(f, ec.privateKey());
        assertTrue(Files.readString(f).startsWith("-----BEGIN PRIVATE KEY-----\n"));
        assertSameKey(ec.privateKey(), IdentityFiles.loadPrivateKey(f));
    }

    @Test
    void anRsaKeyWrittenAsPemPkcs8ReadsBack() throws IdentityException {
        Path f = dir.resolve("rsa.pem");
        IdentityFiles.writePrivateKeyPem(f, rsa.privateKey());
        assertSameKey(rsa.privateKey(), IdentityFiles.loadPrivateKey(f));
    }

    @Test
    void aWrittenKeyIsReadableOnlyByItsOwner() throws IdentityException, IOException {
        Path f = dir.resolve("secret.pem");
        IdentityFiles.writePrivateKeyPem(f, ec.privateKey());
        if (f.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        }
    }

    @Test
    void anEcKeyInPemSec1Loads() throws IOException, IdentityException {
        Path f = file("end_responder.key", pem("EC PRIVATE KEY", CertFixtures.sec1(ec.privateKey(), ec.publicKey())));
        assertTrue(AsymKeys.matches(IdentityFiles.loadPrivateKey(f), ec.publicKey()));
    }

    @Test
    void anEcKeyInPemSec1AfterEcParametersLoads() throws IOException, IdentityException {
        String params = pem("EC PARAMETERS", new byte[] {0x06, 0x05, 0x2B, (byte) 0x81, 0x04, 0x00, 0x22});
        Path f = file("ecparam.key", params + pem("EC PRIVATE KEY", CertFixtures.sec1(ec.privateKey(), ec.publicKey())));
        assertTrue(AsymKeys.matches(IdentityFiles.loadPrivateKey(f), ec.publicKey()));
    }

    @Test
    void anEcKeyInDerSec1Loads() throws IOException, IdentityException {
        Path f = file("end_responder.key.der", CertFixtures.sec1(ec.privateKey(), ec.publicKey()));
        assertTrue(AsymKeys.matches(IdentityFiles.loadPrivateKey(f), ec.publicKey()));
    }

    @Test
    void anEcKeyInDerPkcs8Loads() throws IOException, IdentityException {
        Path f = file("key.p8", CertFixtures.pkcs8(ec.privateKey()));
        assertSameKey(ec.privateKey(), IdentityFiles.loadPrivateKey(f));
    }

    @Test
    void anRsaKeyInPemPkcs1Loads() throws IOException, IdentityException {
        Path f = file("rsa.key", pem("RSA PRIVATE KEY", CertFixtures.pkcs1(rsa.privateKey())));
        assertTrue(AsymKeys.matches(IdentityFiles.loadPrivateKey(f), rsa.publicKey()));
    }

    @Test
    void anRsaKeyInDerPkcs1Loads() throws IOException, IdentityException {
        Path f = file("rsa.key.der", CertFixtures.pkcs1(rsa.privateKey()));
        assertTrue(AsymKeys.matches(IdentityFiles.loadPrivateKey(f), rsa.publicKey()));
    }

    @Test
    void anRsaKeyInDerPkcs8Loads() throws IOException, IdentityException {
        Path f = file("rsa.p8", CertFixtures.pkcs8(rsa.privateKey()));
        assertSameKey(rsa.privateKey(), IdentityFiles.loadPrivateKey(f));
    }

    // ---- identities ----

    @Test
    void anEcIdentityLoadsWithItsCurvesAlgorithm() throws IdentityException, IOException {
        Path chain = dir.resolve("chain.der");
        IdentityFiles.writeChainDer(chain, ec.chain());
        Path key = file("key.pem", pem("EC PRIVATE KEY", CertFixtures.sec1(ec.privateKey(), ec.publicKey())));
        DeviceIdentity loaded = IdentityFiles.loadIdentity(chain, key);
        assertEquals(BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P384, loaded.asym());
        assertEquals(ec.chain(), loaded.chain());
    }

    @Test
    void anRsaIdentityDefaultsToPssAndTakesAnExplicitSchemeOfItsSize() throws IdentityException {
        Path chain = dir.resolve("rsa-chain.pem");
        Path key = dir.resolve("rsa-key.pem");
        IdentityFiles.writeChainPem(chain, rsa.chain());
        IdentityFiles.writePrivateKeyPem(key, rsa.privateKey());
        assertEquals(BaseAsymAlgo.TPM_ALG_RSAPSS_2048, IdentityFiles.loadIdentity(chain, key).asym());
        assertEquals(BaseAsymAlgo.TPM_ALG_RSASSA_2048,
                IdentityFiles.loadIdentity(chain, key, BaseAsymAlgo.TPM_ALG_RSASSA_2048).asym());
    }

    // ---- errors ----

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nope.der");
        IdentityException e = assertThrows(IdentityException.class, () -> IdentityFiles.loadChain(missing));
        assertEquals(missing + ": no such file", e.getMessage());
        assertEquals(missing, e.file());
    }

    @Test
    void anEmptyFileIsNamed() throws IOException {
        Path empty = file("empty.pem", new byte[0]);
        IdentityException e = assertThrows(IdentityException.class, () -> IdentityFiles.loadPrivateKey(empty));
        assertEquals(empty + ": empty file", e.getMessage());
    }

    @Test
    void aKeyFileGivenAsAChainIsNotACertificate() throws IdentityException {
        Path key = dir.resolve("key.pem");
        IdentityFiles.writePrivateKeyPem(key, ec.privateKey());
        IdentityException e = assertThrows(IdentityException.class, () -> IdentityFiles.loadChain(key));
        assertEquals(key + ": not a certificate (PEM block 0 is PRIVATE KEY)", e.getMessage());
    }

    @Test
    void garbageIsNotACertificateAndTheMessageSaysWhere() throws IOException {
        Path f = file("junk.der", "hello, not DER");
        IdentityException e = assertThrows(IdentityException.class, () -> IdentityFiles.loadTrustAnchors(f));
        assertTrue(e.getMessage().startsWith(f + ": not a certificate (certificate 0 at offset 0: "), e.getMessage());
    }

    @Test
    void aKeyOfAnotherLeafDoesNotMatch() throws IdentityException {
        Path chain = dir.resolve("chain.der");
        Path key = dir.resolve("other.pem");
        IdentityFiles.writeChainDer(chain, ec.chain());
        IdentityFiles.writePrivateKeyPem(key, rsa.privateKey());
        IdentityException e = assertThrows(IdentityException.class, () -> IdentityFiles.loadIdentity(chain, key));
        assertTrue(e.getMessage().startsWith(key + ": key does not match the leaf certificate "), e.getMessage());
        assertFalse(e.getMessage().contains(Base64.getEncoder().encodeToString(rsa.privateKey().getEncoded()).substring(0, 40)));
    }

    @Test
    void anEd25519KeyIsAnUnsupportedKeyType() throws Exception {
        PrivateKey ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate();
        Path f = file("ed.pem", pem("PRIVATE KEY", ed.getEncoded()));
        IdentityException e = assertThrows(IdentityException.class, () -> IdentityFiles.loadPrivateKey(f));
        assertEquals(f + ": unsupported key type Ed25519", e.getMessage());
    }

    @Test
    void anEcKeyOnACurveSpdmDoesNotUseIsAnUnsupportedKeyType() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", bc);
        g.initialize(new ECGenParameterSpec("secp256k1"));
        Path f = file("k1.pem", pem("PRIVATE KEY", g.generateKeyPair().getPrivate().getEncoded()));
        IdentityException e = assertThrows(IdentityException.class, () -> IdentityFiles.loadPrivateKey(f));
        assertTrue(e.getMessage().startsWith(f + ": unsupported key type EC secp256k1"), e.getMessage());
    }

    @Test
    void anEncryptedKeyIsRefusedWithAReason() throws IOException {
        Path f = file("enc.pem", pem("ENCRYPTED PRIVATE KEY", new byte[] {0x30, 0x00}));
        IdentityException e = assertThrows(IdentityException.class, () -> IdentityFiles.loadPrivateKey(f));
        assertTrue(e.getMessage().startsWith(f + ": encrypted private keys are not supported"), e.getMessage());
    }

    @Test
    void aCertificateGivenAsAKeyIsNotAPrivateKey() throws IOException {
        Path pemCert = file("cert.pem", pem("CERTIFICATE", LibspdmVectors.rootCaDer(Run.B_ECDSA_P256, 0)));
        Path derCert = file("cert.der", LibspdmVectors.rootCaDer(Run.B_ECDSA_P256, 0));
        assertEquals(pemCert + ": not a private key (PEM block CERTIFICATE)",
                assertThrows(IdentityException.class, () -> IdentityFiles.loadPrivateKey(pemCert)).getMessage());
        assertEquals(derCert + ": not a private key (this is a certificate)",
                assertThrows(IdentityException.class, () -> IdentityFiles.loadPrivateKey(derCert)).getMessage());
    }

    @Test
    void aLeafThatDoesNotFitTheRequestedAlgorithmIsNamed() throws IdentityException {
        Path chain = dir.resolve("chain.der");
        Path key = dir.resolve("key.pem");
        IdentityFiles.writeChainDer(chain, ec.chain());
        IdentityFiles.writePrivateKeyPem(key, ec.privateKey());
        IdentityException e = assertThrows(IdentityException.class,
                () -> IdentityFiles.loadIdentity(chain, key, BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P256));
        assertEquals(chain + ": the leaf certificate's EC secp384r1 key does not fit TPM_ALG_ECDSA_ECC_NIST_P256",
                e.getMessage());
    }

    @Test
    void aPemBlockWithoutItsEndIsReported() throws IOException {
        Path f = file("cut.pem", "-----BEGIN CERTIFICATE-----\nMIIB\n");
        IdentityException e = assertThrows(IdentityException.class, () -> IdentityFiles.loadChain(f));
        assertEquals(f + ": no complete PEM block (BEGIN without a matching END)", e.getMessage());
    }

    @Test
    void twoKeysInOneFileAreRefused() throws IOException {
        String one = pem("PRIVATE KEY", ec.privateKey().getEncoded());
        Path f = file("two.pem", one + one);
        IdentityException e = assertThrows(IdentityException.class, () -> IdentityFiles.loadPrivateKey(f));
        assertEquals(f + ": holds more than one private key", e.getMessage());
    }
}
