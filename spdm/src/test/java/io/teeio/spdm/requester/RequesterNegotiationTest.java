package io.teeio.spdm.requester;

import static io.teeio.spdm.requester.SpdmRequesterException.Kind.NEGOTIATION_FAILED;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.spdm.connection.Negotiated;
import io.teeio.spdm.crypto.AeadAlgo;
import io.teeio.spdm.crypto.BaseAsymAlgo;
import io.teeio.spdm.crypto.BaseHashAlgo;
import io.teeio.spdm.crypto.DheGroup;
import io.teeio.spdm.crypto.SpdmCrypto;
import io.teeio.spdm.message.SpdmCode;
import io.teeio.spdm.message.SpdmVersion;
import io.teeio.spdm.responder.ResponderConfig;
import io.teeio.spdm.transport.SecuredMessageBinding;
import io.teeio.spdm.transport.SpdmPacket;
import java.io.ByteArrayOutputStream;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the requester accepts of VERSION and ALGORITHMS, and a connection at 1.1. */
class RequesterNegotiationTest {
    private static final BaseAsymAlgo ASYM = BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P256;
    private static final BaseHashAlgo HASH = BaseHashAlgo.TPM_ALG_SHA_256;

    private static RequesterConfig.Builder requester() {
        return TestPeers.requesterConfig(ASYM).hashes(List.of(HASH)).asyms(List.of(ASYM))
                .dheGroups(List.of(DheGroup.SECP256R1)).aeads(List.of(AeadAlgo.AES_256_GCM));
    }

    /** Sets the little-endian field of {@code size} bytes at {@code offset} of plain responses with {@code code}. */
    private static UnaryOperator<SpdmPacket> set(int code, int offset, int size, int value) {
        return p -> {
            byte[] b = p.bytes();
            if (p.secured() || (b[1] & 0xFF) != code) {
                return p;
            }
            for (int i = 0; i < size; i++) {
                b[offset + i] = (byte) (value >>> (8 * i));
            }
            return new SpdmPacket(false, b);
        };
    }

    private static TestPeers.Pair pair(ResponderConfig rc, RequesterConfig qc, TestPeers.PacketLog log,
            UnaryOperator<SpdmPacket> tap) {
        return TestPeers.pair(rc, qc, SecuredMessageBinding.PCI_DOE, log, tap);
    }

    /** ALGORITHMS at 1.2 with DHE, AEAD and KeySchedule structs: fixed part 36 bytes, then 4 bytes each. */
    static Stream<Arguments> selectionsNotOffered() {
        int a = SpdmCode.ALGORITHMS;
        return Stream.of(
                Arguments.of("a base hash not offered (SHA-384)", set(a, 16, 4, 0x02), "base hash 0x2"),
                Arguments.of("two base hashes at once", set(a, 16, 4, 0x03), "base hash 0x3"),
                Arguments.of("no base hash", set(a, 16, 4, 0), "base hash 0x0"),
                Arguments.of("a base asym not offered (P-384)", set(a, 12, 4, 0x80), "asymmetric algorithm 0x80"),
                Arguments.of("no base asym although the responder signs", set(a, 12, 4, 0),
                        "asymmetric algorithm 0x0"),
                Arguments.of("a DHE group not offered (secp384r1)", set(a, 38, 2, 0x10), "DHE 0x10"),
                Arguments.of("an AEAD not offered (AES-128-GCM)", set(a, 42, 2, 0x01), "AEAD 0x1"),
                Arguments.of("no key schedule", set(a, 46, 2, 0), "no SPDM key schedule"),
                Arguments.of("an opaque data format not offered (Fmt0)", set(a, 7, 1, 0x01), "opaque data format"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("selectionsNotOffered")
    void algorithmsSelectingWhatWasNotOfferedFailNegotiation(String what, UnaryOperator<SpdmPacket> tap,
            String reason) {
        TestPeers.Pair p = pair(TestPeers.responderConfig(ASYM).build(), requester().build(),
                new TestPeers.PacketLog(), tap);
        SpdmRequesterException e = assertThrows(SpdmRequesterException.class, p.requester()::connect);
        assertEquals(NEGOTIATION_FAILED, e.kind(), e.getMessage());
        assertEquals("NEGOTIATE_ALGORITHMS", e.step());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertTrue(p.requester().negotiated().isEmpty());
    }

    @Test
    void noCommonVersionFailsNegotiationNamingBothLists() {
        TestPeers.Pair p = pair(TestPeers.responderConfig(ASYM).versions(List.of(SpdmVersion.V1_0)).build(),
                requester().build(), new TestPeers.PacketLog(), UnaryOperator.identity());
        SpdmRequesterException e = assertThrows(SpdmRequesterException.class, p.requester()::connect);
        assertEquals(NEGOTIATION_FAILED, e.kind());
        assertEquals("GET_VERSION", e.step());
        assertEquals("GET_VERSION: no common SPDM version: responder offers 1.0; requester supports 1.2, 1.1",
                e.getMessage());
    }

    @Test
    void versionOfferingOnlyANewerVersionFailsNegotiation() {
        // VERSION: header, reserved, count 1, entry 0x1300
        UnaryOperator<SpdmPacket> only13 = q -> (q.bytes()[1] & 0xFF) != SpdmCode.VERSION ? q
                : SpdmPacket.plain(new byte[] {0x10, 0x04, 0, 0, 0, 1, 0x00, 0x13});
        TestPeers.Pair p = pair(TestPeers.responderConfig(ASYM).build(), requester().build(),
                new TestPeers.PacketLog(), only13);
        SpdmRequesterException e = assertThrows(SpdmRequesterException.class, p.requester()::connect);
        assertEquals(NEGOTIATION_FAILED, e.kind());
        assertTrue(e.getMessage().contains("responder offers 1.3; requester supports 1.2, 1.1"), e.getMessage());
    }

    // --- SPDM 1.1 --------------------------------------------------------------------------------------

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static byte[] req(TestPeers.PacketLog log, int i) {
        return log.requests().get(i).bytes();
    }

    private static byte[] rsp(TestPeers.PacketLog log, int i) {
        return log.responses().get(i).bytes();
    }

    private static byte[] withoutSignature(byte[] message) {
        return Arrays.copyOf(message, message.length - ASYM.signatureSize());
    }

    private static byte[] signature(byte[] message) {
        return Arrays.copyOfRange(message, message.length - ASYM.signatureSize(), message.length);
    }

    @Test
    void aResponderOfOnly11Gets11AndAuthenticationAndASessionWork() throws Exception {
        TestPeers.PacketLog log = new TestPeers.PacketLog();
        TestPeers.Pair p = pair(TestPeers.responderConfig(ASYM).versions(List.of(SpdmVersion.V1_1)).build(),
                requester().build(), log, UnaryOperator.identity());
        SpdmRequester q = p.requester();
        Negotiated n = q.connect();
        assertEquals(SpdmVersion.V1_1, n.version());
        q.getDigests();
        q.getCertificate(0);
        q.challenge(0, 0xFF);
        q.getMeasurements(0xFF, true, 0, false);
        try (SpdmSession s = q.openSession(0, 0)) {
            s.heartbeat();
            s.updateKeys(SpdmSession.KeyUpdateOperation.UPDATE_ALL_KEYS);
        }
        for (SpdmPacket sent : log.requests()) {
            if (!sent.secured()) {
                int expected = (sent.bytes()[1] & 0xFF) == SpdmCode.GET_VERSION ? 0x10 : 0x11;
                assertEquals(expected, sent.bytes()[0] & 0xFF, SpdmCode.name(sent.bytes()[1] & 0xFF));
            }
        }
    }

    /**
     * Checked from the captured bytes, independently of both engines: at 1.1 the CHALLENGE_AUTH signature is
     * plain hash-then-sign over M1 = VCA || B || C (no signing prefix, PROTOCOLS.md §1.16), and the
     * MEASUREMENTS signature over L1 = the measurement exchanges alone (no VCA, §1.17).
     */
    @Test
    void at11SignaturesAreHashThenSignOverTheTranscriptWithoutPrefixAndL1HasNoVca() throws Exception {
        TestPeers.PacketLog log = new TestPeers.PacketLog();
        TestPeers.Pair p = pair(TestPeers.responderConfig(ASYM).versions(List.of(SpdmVersion.V1_1)).build(),
                requester().build(), log, UnaryOperator.identity());
        SpdmRequester q = p.requester();
        q.connect();
        q.getDigests();
        q.getCertificate(0);
        q.challenge(0, 0);
        q.getMeasurements(0xFF, true, 0, false);

        int digests = log.indexOf(SpdmCode.GET_DIGESTS, 0);
        int challenge = log.indexOf(SpdmCode.CHALLENGE, 0);
        int measurements = log.indexOf(SpdmCode.GET_MEASUREMENTS, 0);
        List<byte[]> m1 = new ArrayList<>();
        for (int i = 0; i < challenge; i++) {
            m1.add(req(log, i));
            m1.add(rsp(log, i));
        }
        assertEquals(3, digests, "VCA is the three exchanges before GET_DIGESTS");
        m1.add(req(log, challenge));
        m1.add(withoutSignature(rsp(log, challenge)));
        byte[] l1 = concat(List.of(req(log, measurements), withoutSignature(rsp(log, measurements))));

        SpdmCrypto crypto = TestPeers.crypto(3);
        PublicKey leaf = TestPeers.identity(ASYM).publicKey();
        assertTrue(crypto.verify(ASYM, HASH, leaf, concat(m1), signature(rsp(log, challenge))),
                "CHALLENGE_AUTH signs M1 itself (hashed once by the signature scheme)");
        assertTrue(crypto.verify(ASYM, HASH, leaf, l1, signature(rsp(log, measurements))),
                "MEASUREMENTS signs L1 without VCA");
    }

    /** KEY_EXCHANGE_RSP at 1.1: hash-then-sign over VCA || Hash(chain) || KEY_EXCHANGE || KEY_EXCHANGE_RSP. */
    @Test
    void at11KeyExchangeRspIsSignedOverTheTranscriptWithoutPrefix() throws Exception {
        TestPeers.PacketLog log = new TestPeers.PacketLog();
        TestPeers.Pair p = pair(TestPeers.responderConfig(ASYM).versions(List.of(SpdmVersion.V1_1)).build(),
                requester().build(), log, UnaryOperator.identity());
        SpdmRequester q = p.requester();
        q.connect();
        q.getDigests();
        CertificateChainResult chain = q.getCertificate(0);
        q.openSession(0, 0).close();

        int ke = log.indexOf(SpdmCode.KEY_EXCHANGE, 0);
        List<byte[]> th = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            th.add(req(log, i));
            th.add(rsp(log, i));
        }
        th.add(chain.digest());
        th.add(req(log, ke));
        th.add(withoutSignature(rsp(log, ke)));
        assertTrue(TestPeers.crypto(3).verify(ASYM, HASH, TestPeers.identity(ASYM).publicKey(), concat(th),
                signature(rsp(log, ke))));
        assertArrayEquals(chain.digest(), TestPeers.crypto(3).hash(HASH, chain.chain().encode(HASH,
                TestPeers.crypto(3))));
    }
}
