package io.teeio.spdm.cert;

import static io.teeio.spdm.cert.CertFixtures.certificateResponses;
import static io.teeio.spdm.cert.CertFixtures.crypto;
import static io.teeio.spdm.cert.CertFixtures.digestsEntry;
import static io.teeio.spdm.cert.CertFixtures.hashOf;
import static io.teeio.spdm.cert.CertFixtures.vectorChain;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.spdm.codec.SpdmDecodeException;
import io.teeio.spdm.crypto.BaseHashAlgo;
import io.teeio.spdm.crypto.JcaSpdmCrypto;
import io.teeio.spdm.vectors.LibspdmVectors;
import io.teeio.spdm.vectors.LibspdmVectors.Run;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class SpdmCertChainTest {
    private static final JcaSpdmCrypto CRYPTO = crypto();

    static List<Arguments> runsAndSlots() {
        return Arrays.stream(Run.values()).flatMap(r -> java.util.stream.Stream.of(Arguments.of(r, 0), Arguments.of(r, 1)))
                .toList();
    }

    @ParameterizedTest
    @MethodSource("runsAndSlots")
    void libspdmBundleParsesRootFirstIntoThreeCertificates(Run run, int slot) {
        SpdmCertChain chain = vectorChain(run, slot);
        assertEquals(3, chain.size());
        assertArrayEquals(LibspdmVectors.rootCaDer(run, slot), chain.certificatesDer().get(0).toByteArray());
    }

    @ParameterizedTest
    @MethodSource("runsAndSlots")
    void digestOfTheEncodedChainIsTheDigestsEntryOfItsSlot(Run run, int slot) {
        byte[] digest = vectorChain(run, slot).digest(hashOf(run), CRYPTO);
        assertEquals(HexFormat.of().formatHex(digestsEntry(run, slot)), HexFormat.of().formatHex(digest));
    }

    @Test
    void runASlot0DigestMatchesTheKnownAnswerPrefix() {
        byte[] digest = vectorChain(Run.A_ECDSA_P384, 0).digest(BaseHashAlgo.TPM_ALG_SHA_384, CRYPTO);
        assertTrue(HexFormat.of().formatHex(digest).startsWith("dc024e78fa5e45d8"));
    }

    @ParameterizedTest
    @EnumSource(value = Run.class, names = {"A_ECDSA_P384", "B_ECDSA_P256", "C_RSAPSS3072"})
    void encodingEqualsTheChainTheResponderSentInCertificateResponses(Run run) {
        for (int slot = 0; slot < 2; slot++) {
            assertArrayEquals(certificateResponses(run, slot), vectorChain(run, slot).encode(hashOf(run), CRYPTO),
                    "slot " + slot);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Run.class, names = {"A_ECDSA_P384", "B_ECDSA_P256", "C_RSAPSS3072"})
    void decodingTheWireChainGivesTheBundleCertificates(Run run) throws SpdmDecodeException {
        SpdmCertChain decoded = SpdmCertChain.decode(certificateResponses(run, 0), hashOf(run), CRYPTO);
        assertEquals(vectorChain(run, 0), decoded);
    }

    @ParameterizedTest
    @EnumSource(BaseHashAlgo.class)
    void decodeOfEncodeIsIdentityForEveryHash(BaseHashAlgo hash) throws SpdmDecodeException {
        SpdmCertChain chain = vectorChain(Run.B_ECDSA_P256, 1);
        byte[] encoded = chain.encode(hash, CRYPTO);
        assertEquals(chain, SpdmCertChain.decode(encoded, hash, CRYPTO));
        assertEquals(encoded.length, chain.encodedLength(hash));
    }

    @Test
    void lengthFieldCountsHeaderRootHashAndCertificates() {
        SpdmCertChain chain = vectorChain(Run.A_ECDSA_P384, 0);
        byte[] encoded = chain.encode(BaseHashAlgo.TPM_ALG_SHA_384, CRYPTO);
        int length = (encoded[0] & 0xFF) | (encoded[1] & 0xFF) << 8;
        assertEquals(4 + 48 + LibspdmVectors.certChainDer(Run.A_ECDSA_P384, 0).length, length);
    }

    @Test
    void concatenatedDerIsTheBundleFileBytes() {
        byte[] bundle = LibspdmVectors.certChainDer(Run.C_RSAPSS3072, 1);
        assertArrayEquals(bundle, vectorChain(Run.C_RSAPSS3072, 1).concatenatedDer().toByteArray());
    }

    @Test
    void leafIsTheLastCertificateAndRootTheFirst() {
        SpdmCertChain chain = vectorChain(Run.A_ECDSA_P384, 0);
        assertEquals("CN=DMTF libspdm ECP384 responder cert", DerCertificates.subject(chain.leaf()));
        assertEquals("CN=DMTF libspdm ECP384 CA", DerCertificates.subject(chain.root()));
    }

    @Test
    void decodeRejectsALengthFieldThatDisagreesWithTheByteCount() {
        byte[] encoded = vectorChain(Run.B_ECDSA_P256, 0).encode(BaseHashAlgo.TPM_ALG_SHA_256, CRYPTO);
        byte[] longer = Arrays.copyOf(encoded, encoded.length + 1);
        SpdmDecodeException e = assertThrows(SpdmDecodeException.class,
                () -> SpdmCertChain.decode(longer, BaseHashAlgo.TPM_ALG_SHA_256, CRYPTO));
        assertTrue(e.getMessage().contains("Length field says " + encoded.length), e.getMessage());
    }

    @Test
    void decodeRejectsNonZeroReserved() {
        byte[] encoded = vectorChain(Run.B_ECDSA_P256, 0).encode(BaseHashAlgo.TPM_ALG_SHA_256, CRYPTO);
        encoded[3] = 1;
        SpdmDecodeException e = assertThrows(SpdmDecodeException.class,
                () -> SpdmCertChain.decode(encoded, BaseHashAlgo.TPM_ALG_SHA_256, CRYPTO));
        assertTrue(e.getMessage().contains("Reserved"), e.getMessage());
    }

    @Test
    void decodeRejectsARootHashThatIsNotTheHashOfTheSelfSignedRoot() {
        byte[] encoded = vectorChain(Run.B_ECDSA_P256, 0).encode(BaseHashAlgo.TPM_ALG_SHA_256, CRYPTO);
        encoded[4] ^= 1;
        SpdmDecodeException e = assertThrows(SpdmDecodeException.class,
                () -> SpdmCertChain.decode(encoded, BaseHashAlgo.TPM_ALG_SHA_256, CRYPTO));
        assertTrue(e.getMessage().contains("RootHash"), e.getMessage());
    }

    @Test
    void decodeDoesNotCheckTheRootHashWhenTheFirstCertificateIsNotSelfSigned() throws SpdmDecodeException {
        SpdmCertChain full = vectorChain(Run.B_ECDSA_P256, 0);
        SpdmCertChain partial = SpdmCertChain.of(full.certificates().subList(1, 3));
        byte[] encoded = partial.encode(BaseHashAlgo.TPM_ALG_SHA_256, CRYPTO);
        Arrays.fill(encoded, 4, 4 + 32, (byte) 0);
        assertEquals(partial, SpdmCertChain.decode(encoded, BaseHashAlgo.TPM_ALG_SHA_256, CRYPTO));
    }

    @Test
    void decodeRejectsAChainWithoutCertificates() {
        byte[] encoded = new byte[4 + 32];
        encoded[0] = (byte) encoded.length;
        SpdmDecodeException e = assertThrows(SpdmDecodeException.class,
                () -> SpdmCertChain.decode(encoded, BaseHashAlgo.TPM_ALG_SHA_256, CRYPTO));
        assertTrue(e.getMessage().contains("no certificate"), e.getMessage());
    }

    @Test
    void aBrokenSecondCertificateIsNamedWithItsIndexAndOffset() {
        byte[] bundle = LibspdmVectors.certChainDer(Run.B_ECDSA_P256, 0);
        int secondAt = vectorChain(Run.B_ECDSA_P256, 0).certificatesDer().get(0).length();
        bundle[secondAt] = 0x31;
        SpdmDecodeException e = assertThrows(SpdmDecodeException.class, () -> SpdmCertChain.ofDer(bundle));
        assertTrue(e.getMessage().startsWith("certificate 1 at offset " + secondAt), e.getMessage());
    }

    @Test
    void aTruncatedBundleNamesTheCertificateThatRunsPastTheEnd() {
        byte[] bundle = LibspdmVectors.certChainDer(Run.B_ECDSA_P256, 0);
        SpdmDecodeException e = assertThrows(SpdmDecodeException.class,
                () -> SpdmCertChain.ofDer(Arrays.copyOf(bundle, bundle.length - 1)));
        assertTrue(e.getMessage().startsWith("certificate 2 "), e.getMessage());
    }

    @Test
    void anEmptyChainIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> SpdmCertChain.of(List.of()));
        assertThrows(SpdmDecodeException.class, () -> SpdmCertChain.ofDer(new byte[0]));
    }

    @Test
    void chainsWithTheSameCertificatesAreEqual() {
        assertEquals(vectorChain(Run.A_ECDSA_P384, 1), SpdmCertChain.of(vectorChain(Run.A_ECDSA_P384, 1).certificates()));
    }

    @Property(tries = 300)
    void decodeOfRandomBytesThrowsOnlyTheDecodeException(@ForAll byte[] bytes) {
        assertOnlyDecodeException(() -> SpdmCertChain.decode(bytes, BaseHashAlgo.TPM_ALG_SHA_256, CRYPTO));
    }

    @Property(tries = 300)
    void decodeOfAMutatedChainThrowsOnlyTheDecodeException(@ForAll("mutations") Tuple.Tuple2<Integer, Byte> mutation) {
        byte[] encoded = vectorChain(Run.B_ECDSA_P256, 0).encode(BaseHashAlgo.TPM_ALG_SHA_256, CRYPTO);
        int at = mutation.get1() % encoded.length;
        encoded[at] ^= mutation.get2() == 0 ? 1 : mutation.get2();
        assertOnlyDecodeException(() -> SpdmCertChain.decode(encoded, BaseHashAlgo.TPM_ALG_SHA_256, CRYPTO));
    }

    @Property(tries = 200)
    void ofDerOfATruncatedBundleThrowsOnlyTheDecodeException(@ForAll("cuts") int cut) {
        byte[] bundle = LibspdmVectors.certChainDer(Run.B_ECDSA_P256, 0);
        assertOnlyDecodeException(() -> SpdmCertChain.ofDer(Arrays.copyOf(bundle, cut % bundle.length)));
    }

    @Provide
    Arbitrary<Tuple.Tuple2<Integer, Byte>> mutations() {
        return Combinators.combine(Arbitraries.integers().between(0, 100_000), Arbitraries.bytes()).as(Tuple::of);
    }

    @Provide
    Arbitrary<Integer> cuts() {
        return Arbitraries.integers().between(0, 100_000);
    }

    interface Decoding {
        void run() throws SpdmDecodeException;
    }

    private static void assertOnlyDecodeException(Decoding d) {
        try {
            d.run();
        } catch (SpdmDecodeException expected) {
            assertTrue(expected.getMessage() != null && !expected.getMessage().isBlank());
        }
    }
}
