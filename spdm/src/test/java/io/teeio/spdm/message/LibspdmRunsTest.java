package io.teeio.spdm.message;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;
import io.teeio.spdm.vectors.LibspdmVectors;
import io.teeio.spdm.vectors.LibspdmVectors.Run;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The captured libspdm runs (shared/vectors/libspdm): every message with a codec here decodes with the sizes
 * the run negotiated and re-encodes byte for byte. PSK_EXCHANGE/PSK_FINISH (run A's nested CXL session)
 * are skipped: this package has no PSK codecs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LibspdmRunsTest {
    /** Each run decoded once for the whole class (run D alone has 546 messages). */
    private final Map<Run, List<RunDecoder.Decoded>> decodedRuns = new EnumMap<>(Run.class);

    private List<RunDecoder.Decoded> decodeAll(Run run) {
        return decodedRuns.computeIfAbsent(run, RunDecoder::decodeAll);
    }

    private static final Set<Integer> SESSION_ESTABLISHMENT =
            Set.of(SpdmCode.KEY_EXCHANGE, SpdmCode.KEY_EXCHANGE_RSP, SpdmCode.FINISH, SpdmCode.FINISH_RSP);

    private static boolean connectionPhase(RunDecoder.Decoded d) {
        return !d.logged().inSession() && !SESSION_ESTABLISHMENT.contains(d.logged().code());
    }

    private static boolean sessionPhase(RunDecoder.Decoded d) {
        return d.logged().inSession() || SESSION_ESTABLISHMENT.contains(d.logged().code());
    }

    private List<RunDecoder.Decoded> decoded(Run run, Predicate<RunDecoder.Decoded> which) {
        return decodeAll(run).stream().filter(which).toList();
    }

    private <T extends SpdmMessage> List<T> all(Run run, Class<T> type) {
        return decodeAll(run).stream().map(RunDecoder.Decoded::message).filter(type::isInstance)
                .map(type::cast).toList();
    }

    private static void assertReencodeByteForByte(List<RunDecoder.Decoded> messages) {
        List<Executable> checks = new ArrayList<>();
        for (RunDecoder.Decoded d : messages) {
            String what = "message " + d.logged().index() + " " + d.logged().name();
            checks.add(() -> assertEquals(0, d.remaining(), what + ": read() left bytes over"));
            checks.add(() -> assertArrayEquals(d.logged().bytes(), d.message().encode(), what + ": re-encoding differs"));
        }
        assertAll(checks);
    }

    @ParameterizedTest
    @EnumSource(Run.class)
    void everyConnectionMessageReencodesByteForByte(Run run) {
        List<RunDecoder.Decoded> messages = decoded(run, LibspdmRunsTest::connectionPhase);
        assertTrue(messages.size() >= 22, "VCA, digests, certificates, challenge and measurements at least");
        assertReencodeByteForByte(messages);
    }

    @ParameterizedTest
    @EnumSource(value = Run.class, names = {"A_ECDSA_P384", "B_ECDSA_P256"})
    void everySessionMessageWithACodecReencodesByteForByte(Run run) {
        List<RunDecoder.Decoded> messages = decoded(run, LibspdmRunsTest::sessionPhase);
        assertTrue(messages.size() >= 12, "two KEY_EXCHANGE..END_SESSION_ACK sessions at least");
        assertReencodeByteForByte(messages);
    }

    @ParameterizedTest
    @EnumSource(Run.class)
    void everyPrefixOfEveryCapturedMessageFailsNamingTheField(Run run) {
        int checked = 0;
        for (RunDecoder.Decoded d : decodeAll(run)) {
            byte[] wire = d.logged().bytes();
            // ERROR has no length field: past its header any prefix is a shorter well-formed ERROR
            int required = d.message() instanceof ErrorResponse err
                    && err.errorCode() != SpdmErrorCode.RESPONSE_NOT_READY.value() ? 4 : wire.length;
            for (int cut = 0; cut < required; cut++) {
                int n = cut;
                SpdmDecodeException e = assertThrows(SpdmDecodeException.class,
                        () -> d.decoder().read(new ByteReader(Arrays.copyOf(wire, n), d.logged().name())),
                        () -> "message " + d.logged().index() + " decoded from its first " + n + " bytes");
                MalformedMessagePropertyTest.assertNamesTruncatedField(e, cut);
                checked++;
            }
        }
        assertTrue(checked > 1000);
    }

    @Test
    void runASkipsOnlyThePskMessagesOfTheNestedCxlSession() {
        long skipped = LibspdmVectors.messages(Run.A_ECDSA_P384).stream().filter(m -> !RunDecoder.hasCodec(m.code()))
                .count();
        assertEquals(4, skipped, "PSK_EXCHANGE, PSK_EXCHANGE_RSP, PSK_FINISH, PSK_FINISH_RSP");
    }

    // ---- VCA

    private static final Pattern NEGOTIATED = Pattern.compile("# negotiated \\(ALGORITHMS\\): (.*)");

    private static Map<String, Integer> negotiatedHeaderLine(Run run) throws IOException {
        for (String line : Files.readAllLines(LibspdmVectors.DIR.resolve(run.fileStem() + ".vec"))) {
            Matcher m = NEGOTIATED.matcher(line);
            if (m.matches()) {
                Map<String, Integer> out = new HashMap<>();
                for (String kv : m.group(1).trim().split("\\s+")) {
                    String[] p = kv.split("=");
                    out.put(p[0], Integer.decode(p[1]));
                }
                return out;
            }
        }
        throw new AssertionError(run + " has no negotiated header line");
    }

    @ParameterizedTest
    @EnumSource(Run.class)
    void algorithmsMessageAgreesWithTheRunsNegotiatedHeaderLine(Run run) throws IOException {
        Map<String, Integer> header = negotiatedHeaderLine(run);
        Algorithms a = all(run, Algorithms.class).get(0);
        assertEquals(header.get("BaseHashSel"), a.baseHashSel());
        assertEquals(header.get("BaseAsymSel"), a.baseAsymSel());
        assertEquals(header.get("MeasurementHashAlgo"), a.measurementHashAlgo());
        assertEquals(header.get("MeasSpec"), a.measurementSpecificationSel());
        assertEquals(header.get("OtherParams"), a.otherParamsSelection());
        assertEquals(header.get("DHE"), a.dhe());
        assertEquals(header.get("AEAD"), a.aead());
        assertEquals(header.get("ReqBaseAsym"), a.reqBaseAsymAlg());
        assertEquals(header.get("KeySchedule"), a.keySchedule());
    }

    @ParameterizedTest
    @EnumSource(Run.class)
    void versionOffersOnlyThePinned12(Run run) {
        VersionResponse v = all(run, VersionResponse.class).get(0);
        assertEquals(SpdmVersion.V1_0, v.version());
        assertEquals(List.of(new VersionNumberEntry(1, 2, 0, 0)), v.entries());
    }

    @ParameterizedTest
    @EnumSource(Run.class)
    void everyMessageAfterVersionCarries12(Run run) {
        List<SpdmVersion> versions = decodeAll(run).stream().skip(2).map(d -> d.message().version())
                .distinct().toList();
        assertEquals(List.of(SpdmVersion.V1_2), versions);
    }

    @ParameterizedTest
    @EnumSource(Run.class)
    void capabilitiesAreSpdmEmusWithDataTransferSize0x1200AndMaxMessage0x28000(Run run) {
        GetCapabilities request = all(run, GetCapabilities.class).get(0);
        Capabilities response = all(run, Capabilities.class).get(0);
        assertEquals(0x0002F7C6, request.flags());
        assertEquals(0x001AFBF7, response.flags());
        assertEquals(0x1200, request.dataTransferSize());
        assertEquals(0x1200, response.dataTransferSize());
        assertEquals(0x28000, request.maxSpdmMsgSize());
        assertEquals(0x28000, response.maxSpdmMsgSize());
    }

    @ParameterizedTest
    @EnumSource(Run.class)
    void negotiateAlgorithmsOffersTheFourAlgStructsInTypeOrder(Run run) {
        NegotiateAlgorithms n = all(run, NegotiateAlgorithms.class).get(0);
        assertEquals(List.of(AlgStruct.DHE, AlgStruct.AEAD, AlgStruct.REQ_BASE_ASYM_ALG, AlgStruct.KEY_SCHEDULE),
                n.algStructs().stream().map(AlgStruct::algType).toList());
        assertEquals(n.length(), n.encode().length);
    }

    // ---- authentication

    private int hashSize(Run run) {
        return RunDecoder.HASH_SIZE.get(all(run, Algorithms.class).get(0).baseHashSel());
    }

    private byte[] hash(Run run, byte[] data) throws NoSuchAlgorithmException {
        String name = switch (hashSize(run)) {
            case 32 -> "SHA-256";
            case 48 -> "SHA-384";
            default -> "SHA-512";
        };
        return MessageDigest.getInstance(name).digest(data);
    }

    @ParameterizedTest
    @EnumSource(Run.class)
    void digestsReportSlots0And1(Run run) {
        List<Digests> digests = all(run, Digests.class);
        assertEquals(3, digests.size(), "GET_DIGESTS, then the two re-checks");
        for (Digests d : digests) {
            assertEquals(0x03, d.slotMask());
            assertEquals(2, d.digests().size());
        }
    }

    /** The chains each slot's CERTIFICATE portions add up to, in request order, completed when RemainderLength is 0. */
    private List<Map.Entry<Integer, byte[]>> reassembledChains(Run run) {
        List<Map.Entry<Integer, byte[]>> chains = new ArrayList<>();
        Map<Integer, ByteArrayOutputStream> open = new HashMap<>();
        for (CertificateResponse c : all(run, CertificateResponse.class)) {
            ByteArrayOutputStream b = open.computeIfAbsent(c.slot(), s -> new ByteArrayOutputStream());
            b.writeBytes(c.portion().toByteArray());
            if (c.remainderLength() == 0) {
                chains.add(Map.entry(c.slot(), b.toByteArray()));
                open.remove(c.slot());
            }
        }
        assertTrue(open.isEmpty(), "a certificate fetch whose RemainderLength never reached 0");
        return chains;
    }

    @ParameterizedTest
    @EnumSource(Run.class)
    void certificatePortionsEndWithRemainder0AndRebuildTheSlotChains(Run run) throws NoSuchAlgorithmException {
        int h = hashSize(run);
        List<Map.Entry<Integer, byte[]>> chains = reassembledChains(run);
        assertEquals(List.of(0, 1, 0), chains.stream().map(Map.Entry::getKey).toList());
        for (Map.Entry<Integer, byte[]> e : chains) {
            byte[] chain = e.getValue();
            byte[] der = LibspdmVectors.certChainDer(run, e.getKey());
            assertEquals(chain.length, (chain[0] & 0xFF) | (chain[1] & 0xFF) << 8, "chain Length field");
            assertEquals(4 + h + der.length, chain.length);
            assertArrayEquals(hash(run, LibspdmVectors.rootCaDer(run, e.getKey())),
                    Bytes.of(chain, 4, h).toByteArray(), "RootHash");
            assertArrayEquals(der, Bytes.of(chain, 4 + h, der.length).toByteArray());
        }
    }

    @ParameterizedTest
    @EnumSource(Run.class)
    void eachSlotDigestIsTheHashOfThatSlotsChain(Run run) throws NoSuchAlgorithmException {
        Digests d = all(run, Digests.class).get(0);
        for (Map.Entry<Integer, byte[]> e : reassembledChains(run)) {
            assertEquals(Bytes.of(hash(run, e.getValue())), d.digestOf(e.getKey()));
        }
    }

    @ParameterizedTest
    @EnumSource(Run.class)
    void challengeAuthAnswersSlot0WithSummaryHashForMeasurementSummaryTypeAll(Run run) {
        Challenge c = all(run, Challenge.class).get(0);
        ChallengeAuth a = all(run, ChallengeAuth.class).get(0);
        assertEquals(0xFF, c.measurementSummaryHashType());
        assertEquals(0, a.slot());
        assertEquals(0x03, a.slotMask());
        assertEquals(hashSize(run), a.measurementSummaryHash().length());
        assertEquals(c.nonce().length(), a.nonce().length());
        assertFalse(a.signature().isEmpty());
    }

    @ParameterizedTest
    @EnumSource(Run.class)
    void challengeAuthCertChainHashIsTheSlot0Digest(Run run) {
        assertEquals(all(run, Digests.class).get(0).digestOf(0), all(run, ChallengeAuth.class).get(0).certChainHash());
    }

    // ---- measurements

    @ParameterizedTest
    @EnumSource(Run.class)
    void measurementRecordsHoldDmtfBlocksOfTheNegotiatedMeasurementHash(Run run) throws SpdmDecodeException {
        int digestSize = RunDecoder.MEASUREMENT_HASH_SIZE.get(all(run, Algorithms.class).get(0).measurementHashAlgo());
        int blocksSeen = 0;
        for (Measurements m : all(run, Measurements.class)) {
            List<MeasurementBlock> blocks = m.blocks();
            assertEquals(m.numberOfBlocks(), blocks.size());
            for (MeasurementBlock b : blocks) {
                DmtfMeasurement dmtf = b.dmtf();
                if (!dmtf.rawBitStream()) {
                    assertEquals(digestSize, dmtf.value().length(), "digest of block " + b.index());
                }
                blocksSeen++;
            }
        }
        assertTrue(blocksSeen >= 8, "the sample device has 8 measurement indices");
    }

    @ParameterizedTest
    @EnumSource(Run.class)
    void signedMeasurementsCarryASignatureOfTheNegotiatedSize(Run run) {
        int s = RunDecoder.SIGNATURE_SIZE.get(all(run, Algorithms.class).get(0).baseAsymSel());
        List<Measurements> signed = all(run, Measurements.class).stream().filter(m -> !m.signature().isEmpty()).toList();
        assertFalse(signed.isEmpty());
        signed.forEach(m -> assertEquals(s, m.signature().length()));
    }

    @Test
    void oneByOneRunCountsEightIndicesThenFetchesEachAlone() {
        List<Measurements> m = all(Run.D_ECDSA_P384_MEAS1BY1, Measurements.class);
        assertEquals(8, m.get(0).param1(), "operation 0 answers the number of indices in Param1");
        assertEquals(0, m.get(0).numberOfBlocks());
        assertTrue(m.stream().skip(1).allMatch(x -> x.numberOfBlocks() == 1));
    }

    @Test
    void oneByOneRunAnswersAbsentIndicesWithInvalidRequest() {
        List<ErrorResponse> errors = all(Run.D_ECDSA_P384_MEAS1BY1, ErrorResponse.class);
        assertEquals(246, errors.size());
        assertTrue(errors.stream().allMatch(e -> e.error().equals(Optional.of(SpdmErrorCode.INVALID_REQUEST))
                && e.extendedErrorData().isEmpty()));
    }

    // ---- sessions

    @ParameterizedTest
    @EnumSource(value = Run.class, names = {"A_ECDSA_P384", "B_ECDSA_P256"})
    void keyExchangeOffersSecuredMessageVersions10To12(Run run) throws SpdmDecodeException {
        for (KeyExchange k : all(run, KeyExchange.class)) {
            assertEquals(Optional.of(List.of(SpdmVersion.V1_0, SpdmVersion.V1_1, SpdmVersion.V1_2)),
                    OpaqueData.decode(k.opaqueData(), k.version()).supportedSecuredMessageVersions());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Run.class, names = {"A_ECDSA_P384", "B_ECDSA_P256"})
    void keyExchangeRspSelectsSecuredMessageVersion12(Run run) throws SpdmDecodeException {
        for (KeyExchangeRsp k : all(run, KeyExchangeRsp.class)) {
            assertEquals(Optional.of(SpdmVersion.V1_2),
                    OpaqueData.decode(k.opaqueData(), k.version()).securedMessageVersionSelection());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Run.class, names = {"A_ECDSA_P384", "B_ECDSA_P256"})
    void handshakeInTheClearPutsVerifyDataInFinishRspOnly(Run run) {
        int h = hashSize(run);
        List<KeyExchangeRsp> rsp = all(run, KeyExchangeRsp.class);
        List<FinishRsp> fin = all(run, FinishRsp.class);
        assertEquals(2, rsp.size());
        assertEquals(2, fin.size());
        rsp.forEach(k -> assertTrue(k.responderVerifyData().isEmpty()));
        fin.forEach(f -> assertEquals(h, f.responderVerifyData().length()));
    }

    @ParameterizedTest
    @EnumSource(value = Run.class, names = {"A_ECDSA_P384", "B_ECDSA_P256"})
    void sessionsUseIdHalves0xFFFFOnSlots0Then1(Run run) {
        List<KeyExchange> k = all(run, KeyExchange.class);
        assertEquals(List.of(0, 1), k.stream().map(KeyExchange::slot).toList());
        k.forEach(x -> assertEquals(0xFFFF, x.reqSessionId()));
        all(run, KeyExchangeRsp.class).forEach(x -> {
            assertEquals(0xFFFF, x.rspSessionId());
            assertEquals(0xF0, x.heartbeatPeriod());
            assertEquals(0, x.mutAuthRequested());
        });
    }

    @Test
    void runAAppTrafficIsPciSigAndCxlVendorDefinedMessagesInsideTheSession() {
        List<VendorDefined> v = decoded(Run.A_ECDSA_P384, d -> d.logged().inSession()).stream()
                .map(RunDecoder.Decoded::message).filter(VendorDefined.class::isInstance).map(VendorDefined.class::cast)
                .toList();
        assertEquals(188, v.size());
        assertTrue(v.stream().allMatch(x -> x.standardId() == VendorDefined.STANDARD_ID_PCI_SIG));
        assertTrue(v.stream().anyMatch(VendorDefined::isPciSig));
        assertTrue(v.stream().anyMatch(x -> x.vendorId().equals(Bytes.of((byte) 0x98, (byte) 0x1E))), "CXL");
    }
}
