package io.teeio.spdm.cert;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.spdm.vectors.LibspdmVectors;
import io.teeio.spdm.vectors.LibspdmVectors.Run;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** Whatever a file holds, the loaders fail only with an IdentityException. */
class IdentityFilesFuzzTest {

    interface Load {
        void from(Path file) throws IdentityException;
    }

    private static void assertOnlyIdentityException(byte[] content, Load load) throws IOException {
        Path f = Files.createTempFile("teeio-fuzz", ".bin");
        try {
            Files.write(f, content);
            load.from(f);
        } catch (IdentityException expected) {
            assertTrue(expected.getMessage().startsWith(f.toString()), expected.getMessage());
        } finally {
            Files.delete(f);
        }
    }

    private static PrivateKey p384() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp384r1"));
            return g.generateKeyPair().getPrivate();
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] mutate(byte[] data, Tuple.Tuple2<Integer, Byte> change) {
        byte[] out = data.clone();
        out[change.get1() % out.length] ^= change.get2() == 0 ? 1 : change.get2();
        return out;
    }

    @Provide
    Arbitrary<Tuple.Tuple2<Integer, Byte>> changes() {
        return Combinators.combine(Arbitraries.integers().between(0, 1_000_000), Arbitraries.bytes()).as(Tuple::of);
    }

    @Property(tries = 150)
    void randomBytesAsAKeyFailOnlyWithIdentityException(@ForAll byte[] content) throws IOException {
        assertOnlyIdentityException(content, IdentityFiles::loadPrivateKey);
    }

    @Property(tries = 150)
    void randomBytesAsAChainFailOnlyWithIdentityException(@ForAll byte[] content) throws IOException {
        assertOnlyIdentityException(content, IdentityFiles::loadChain);
    }

    @Property(tries = 200)
    void aMutatedDerKeyLoadsOrFailsOnlyWithIdentityException(@ForAll("changes") Tuple.Tuple2<Integer, Byte> change)
            throws IOException {
        byte[] pkcs8 = p384().getEncoded();
        assertOnlyIdentityException(mutate(pkcs8, change), IdentityFiles::loadPrivateKey);
    }

    @Property(tries = 200)
    void aMutatedPemChainLoadsOrFailsOnlyWithIdentityException(@ForAll("changes") Tuple.Tuple2<Integer, Byte> change)
            throws IOException {
        byte[] pem = CertFixtures.pem("CERTIFICATE", LibspdmVectors.rootCaDer(Run.B_ECDSA_P256, 0))
                .getBytes(StandardCharsets.US_ASCII);
        assertOnlyIdentityException(mutate(pem, change), IdentityFiles::loadChain);
    }

    @Property(tries = 200)
    void aMutatedDerBundleLoadsOrFailsOnlyWithIdentityException(@ForAll("changes") Tuple.Tuple2<Integer, Byte> change)
            throws IOException {
        byte[] bundle = LibspdmVectors.certChainDer(Run.B_ECDSA_P256, 0);
        assertOnlyIdentityException(mutate(bundle, change), IdentityFiles::loadTrustAnchors);
    }
}
