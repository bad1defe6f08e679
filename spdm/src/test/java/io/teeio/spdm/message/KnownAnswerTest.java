package io.teeio.spdm.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Byte layouts built by hand from the PROTOCOLS.md §1 tables, compared with what the codecs produce and read. */
class KnownAnswerTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("[\\s|]+", ""));
    }

    private static <T extends SpdmMessage> T readExactly(byte[] wire, Sample.Decoder d, Class<T> type)
            throws SpdmDecodeException {
        ByteReader r = new ByteReader(wire, type.getSimpleName());
        T m = type.cast(d.read(r));
        r.end();
        return m;
    }

    // ---- §1.3 GET_VERSION / VERSION

    @Test
    void getVersionIsTheFourBytes10840000() {
        assertArrayEquals(hex("10 84 00 00"), new GetVersion().encode());
    }

    @Test
    void getVersionBytesDecodeToVersion10() throws SpdmDecodeException {
        assertEquals(new GetVersion(SpdmVersion.V1_0), readExactly(hex("10 84 00 00"), GetVersion::read, GetVersion.class));
    }

    private static final byte[] VERSION_10_TO_13 = hex("10 04 00 00 | 00 | 04 | 00 10 00 11 00 12 00 13");

    @Test
    void versionListing10To13EncodesEntriesLittleEndian() {
        VersionResponse v = new VersionResponse(List.of(VersionNumberEntry.of(SpdmVersion.V1_0),
                VersionNumberEntry.of(SpdmVersion.V1_1), VersionNumberEntry.of(SpdmVersion.V1_2),
                VersionNumberEntry.of(SpdmVersion.V1_3)));
        assertArrayEquals(VERSION_10_TO_13, v.encode());
    }

    @Test
    void versionListing10To13DecodesToThoseVersions() throws SpdmDecodeException {
        VersionResponse v = readExactly(VERSION_10_TO_13, VersionResponse::read, VersionResponse.class);
        assertEquals(List.of(SpdmVersion.V1_0, SpdmVersion.V1_1, SpdmVersion.V1_2, SpdmVersion.V1_3),
                v.entries().stream().map(VersionNumberEntry::version).toList());
    }

    @Test
    void versionNumberEntryKeepsUpdateAndAlphaNibbles() {
        // bits[15:12] major, [11:8] minor, [7:4] update, [3:0] alpha
        assertEquals(new VersionNumberEntry(1, 2, 3, 4), VersionNumberEntry.fromWire(0x1234));
    }

    // ---- §1.4 GET_CAPABILITIES / CAPABILITIES at 1.2, spdm-emu's values ("Confirmed against a live libspdm peer")

    private static final int REQUESTER_FLAGS = 0x0002F7C6;
    private static final int RESPONDER_FLAGS = 0x001AFBF7;
    private static final int DATA_TRANSFER_SIZE = 0x1200;
    private static final int MAX_SPDM_MSG_SIZE = 0x28000;

    private static final byte[] GET_CAPABILITIES_12 =
            hex("12 e1 00 00 | 00 | 00 | 00 00 | c6 f7 02 00 | 00 12 00 00 | 00 80 02 00");
    private static final byte[] CAPABILITIES_12 =
            hex("12 61 00 00 | 00 | 00 | 00 00 | f7 fb 1a 00 | 00 12 00 00 | 00 80 02 00");

    @Test
    void getCapabilities12IsTwentyBytesWithSpdmEmuRequesterFlags() {
        byte[] wire = new GetCapabilities(SpdmVersion.V1_2, 0, 0, REQUESTER_FLAGS, DATA_TRANSFER_SIZE, MAX_SPDM_MSG_SIZE)
                .encode();
        assertArrayEquals(GET_CAPABILITIES_12, wire);
    }

    @Test
    void getCapabilities12DecodesSpdmEmuRequesterFields() throws SpdmDecodeException {
        assertEquals(new GetCapabilities(SpdmVersion.V1_2, 0, 0, REQUESTER_FLAGS, DATA_TRANSFER_SIZE, MAX_SPDM_MSG_SIZE),
                readExactly(GET_CAPABILITIES_12, GetCapabilities::read, GetCapabilities.class));
    }

    @Test
    void capabilities12IsTwentyBytesWithSpdmEmuResponderFlags() {
        byte[] wire = new Capabilities(SpdmVersion.V1_2, 0, 0, RESPONDER_FLAGS, DATA_TRANSFER_SIZE, MAX_SPDM_MSG_SIZE)
                .encode();
        assertArrayEquals(CAPABILITIES_12, wire);
    }

    @Test
    void capabilities12DecodesSpdmEmuResponderFields() throws SpdmDecodeException {
        assertEquals(new Capabilities(SpdmVersion.V1_2, 0, 0, RESPONDER_FLAGS, DATA_TRANSFER_SIZE, MAX_SPDM_MSG_SIZE),
                readExactly(CAPABILITIES_12, Capabilities::read, Capabilities.class));
    }

    @Test
    void spdmEmuResponderFlagsMeanSignedMeasurementsKeyExchangeAndHandshakeInTheClear() {
        assertEquals(CapabilityFlags.MEAS_CAP_SIG, RESPONDER_FLAGS & CapabilityFlags.MEAS_CAP_MASK);
        assertTrue(CapabilityFlags.has(RESPONDER_FLAGS, CapabilityFlags.KEY_EX_CAP));
        assertTrue(CapabilityFlags.has(RESPONDER_FLAGS, CapabilityFlags.HANDSHAKE_IN_THE_CLEAR_CAP));
        assertTrue(CapabilityFlags.has(REQUESTER_FLAGS, CapabilityFlags.HANDSHAKE_IN_THE_CLEAR_CAP));
        assertTrue(CapabilityFlags.has(REQUESTER_FLAGS, CapabilityFlags.CHUNK_CAP));
    }

    @Test
    void capabilitiesLayoutIs12BytesAt10And11() {
        assertArrayEquals(hex("10 61 00 00 | 00 | 0c | 00 00 | 16 00 00 00"),
                new Capabilities(SpdmVersion.V1_0, 0, 12, 0x16, 0, 0).encode());
        assertArrayEquals(hex("11 61 00 00 | 00 | 0c | 00 00 | f7 fb 1a 00"),
                new Capabilities(SpdmVersion.V1_1, 0, 12, RESPONDER_FLAGS, 0, 0).encode());
    }

    /** Seen from spdm_requester_emu --ver 1.0: a 4-byte CAPABILITIES made it stop with INVALID_MSG_SIZE. */
    @Test
    void getCapabilitiesIsTheBareHeaderAt10ButCapabilitiesCarriesCtExponentAndFlags() throws Exception {
        assertArrayEquals(hex("10 e1 00 00"), new GetCapabilities(SpdmVersion.V1_0, 0, 0, 0, 0, 0).encode());
        assertEquals(new Capabilities(SpdmVersion.V1_0, 0, 12, 0x16, 0, 0),
                readExactly(hex("10 61 00 00 00 0c 00 00 16 00 00 00"), Capabilities::read, Capabilities.class));
    }

    // ---- §1.5 NEGOTIATE_ALGORITHMS / ALGORITHMS

    /** P-256|P-384 asym, SHA-256|SHA-384, DHE/AEAD/ReqBaseAsym/KeySchedule structs with AlgCount 0x20. */
    private static final byte[] NEGOTIATE_ALGORITHMS_12 = hex("12 e3 04 00 | 30 00 | 01 | 02 | 90 00 00 00 | 03 00 00 00"
            + "| 00 00 00 00 00 00 00 00 00 00 00 00 | 00 | 00 | 00 | 00"
            + "| 02 20 1b 00 | 03 20 06 00 | 04 20 0f 00 | 05 20 01 00");

    private static NegotiateAlgorithms negotiateAlgorithms12() {
        return new NegotiateAlgorithms(SpdmVersion.V1_2, 0x01, NegotiateAlgorithms.OPAQUE_DATA_FMT1, 0x90, 0x03,
                List.of(), List.of(), List.of(new AlgStruct(AlgStruct.DHE, 0x1b), new AlgStruct(AlgStruct.AEAD, 0x06),
                new AlgStruct(AlgStruct.REQ_BASE_ASYM_ALG, 0x0f), new AlgStruct(AlgStruct.KEY_SCHEDULE, 0x01)), 0);
    }

    @Test
    void negotiateAlgorithmsLaysOutTheFixedPartAndFourAlgStructs() {
        assertArrayEquals(NEGOTIATE_ALGORITHMS_12, negotiateAlgorithms12().encode());
    }

    @Test
    void negotiateAlgorithmsDecodesTheFixedPartAndFourAlgStructs() throws SpdmDecodeException {
        NegotiateAlgorithms n = readExactly(NEGOTIATE_ALGORITHMS_12, NegotiateAlgorithms::read, NegotiateAlgorithms.class);
        assertEquals(negotiateAlgorithms12(), n);
        assertEquals(0x1b, n.dhe());
        assertEquals(0x0f, n.reqBaseAsymAlg());
    }

    /** One ExtAsym (PCI-SIG registry 3, algorithm 0x0001), one ExtHash, and a DHE struct with one external. */
    private static final byte[] NEGOTIATE_ALGORITHMS_WITH_EXT = hex("12 e3 01 00 | 30 00 | 01 | 02 | 80 00 00 00"
            + "| 02 00 00 00 | 00 00 00 00 00 00 00 00 00 00 00 00 | 01 | 01 | 00 | 00"
            + "| 03 00 01 00 | 04 00 02 00 | 02 21 10 00 | 03 00 07 00");

    @Test
    void negotiateAlgorithmsCountsExtendedAlgorithmsInLengthAndAlgCount() {
        NegotiateAlgorithms n = new NegotiateAlgorithms(SpdmVersion.V1_2, 0x01, 0x02, 0x80, 0x02,
                List.of(0x00010003), List.of(0x00020004), List.of(new AlgStruct(AlgStruct.DHE, 0x10, List.of(0x00070003))), 0);
        assertEquals(48, n.length());
        assertArrayEquals(NEGOTIATE_ALGORITHMS_WITH_EXT, n.encode());
    }

    @Test
    void negotiateAlgorithmsWithExtendedAlgorithmsDecodes() throws SpdmDecodeException {
        NegotiateAlgorithms n =
                readExactly(NEGOTIATE_ALGORITHMS_WITH_EXT, NegotiateAlgorithms::read, NegotiateAlgorithms.class);
        assertEquals(List.of(0x00010003), n.extAsym());
        assertEquals(List.of(0x00020004), n.extHash());
        assertEquals(List.of(new AlgStruct(AlgStruct.DHE, 0x10, List.of(0x00070003))), n.algStructs());
    }

    /** SHA-512 measurements, P-384, SHA-384, secp384r1, AES-256-GCM, RSAPSS-3072 requester, SPDM key schedule. */
    private static final byte[] ALGORITHMS_12 = hex("12 63 04 00 | 34 00 | 01 | 02 | 08 00 00 00 | 80 00 00 00"
            + "| 02 00 00 00 | 00 00 00 00 00 00 00 00 00 00 00 | 00 | 00 | 00 | 00 00"
            + "| 02 20 10 00 | 03 20 02 00 | 04 20 08 00 | 05 20 01 00");

    private static Algorithms algorithms12() {
        return new Algorithms(SpdmVersion.V1_2, 0x01, 0x02, 0x08, 0x80, 0x02, List.of(), List.of(),
                List.of(new AlgStruct(AlgStruct.DHE, 0x10), new AlgStruct(AlgStruct.AEAD, 0x02),
                        new AlgStruct(AlgStruct.REQ_BASE_ASYM_ALG, 0x08), new AlgStruct(AlgStruct.KEY_SCHEDULE, 0x01)), 0);
    }

    @Test
    void algorithmsLaysOutThe36ByteFixedPartAndFourAlgStructs() {
        assertArrayEquals(ALGORITHMS_12, algorithms12().encode());
    }

    @Test
    void algorithmsDecodesTheSelections() throws SpdmDecodeException {
        Algorithms a = readExactly(ALGORITHMS_12, Algorithms::read, Algorithms.class);
        assertEquals(algorithms12(), a);
        assertEquals(0x10, a.dhe());
        assertEquals(0x02, a.aead());
        assertEquals(0x01, a.keySchedule());
    }

    @Test
    void algorithmsMelSelectionSitsAtOffset31() {
        Algorithms a = new Algorithms(SpdmVersion.V1_3, 0x01, 0x02, 0x08, 0x80, 0x02, List.of(), List.of(), List.of(), 0x01);
        assertEquals(0x01, a.encode()[31]);
        assertEquals(36, a.encode().length);
    }

    // ---- §1.5.3 opaque data worked examples

    private static final byte[] SUPPORTED_VERSION_OPAQUE =
            hex("01 00 00 00 | 00 00 09 00 | 01 01 03 00 10 00 11 00 12 | 00 00 00");
    private static final byte[] VERSION_SELECTION_OPAQUE = hex("01 00 00 00 | 00 00 04 00 | 01 00 00 12");

    @Test
    void supportedVersionElementOffering10To12Is20Bytes() {
        OpaqueData d = OpaqueData.supportedSecuredMessageVersions(
                List.of(SpdmVersion.V1_0, SpdmVersion.V1_1, SpdmVersion.V1_2));
        assertArrayEquals(SUPPORTED_VERSION_OPAQUE, d.encode(SpdmVersion.V1_2));
    }

    @Test
    void supportedVersionWorkedExampleDecodesTo10To12() throws SpdmDecodeException {
        OpaqueData d = OpaqueData.decode(Bytes.of(SUPPORTED_VERSION_OPAQUE), SpdmVersion.V1_2);
        assertEquals(Optional.of(List.of(SpdmVersion.V1_0, SpdmVersion.V1_1, SpdmVersion.V1_2)),
                d.supportedSecuredMessageVersions());
    }

    @Test
    void versionSelectionOf12Is12Bytes() {
        assertArrayEquals(VERSION_SELECTION_OPAQUE,
                OpaqueData.securedMessageVersionSelection(SpdmVersion.V1_2).encode(SpdmVersion.V1_2));
    }

    @Test
    void versionSelectionWorkedExampleDecodesTo12() throws SpdmDecodeException {
        OpaqueData d = OpaqueData.decode(Bytes.of(VERSION_SELECTION_OPAQUE), SpdmVersion.V1_2);
        assertEquals(Optional.of(SpdmVersion.V1_2), d.securedMessageVersionSelection());
    }

    @Test
    void opaqueDataAt11StartsWithTheDmtfSpecIdHeader() {
        byte[] wire = OpaqueData.securedMessageVersionSelection(SpdmVersion.V1_1).encode(SpdmVersion.V1_1);
        // SpecID 0x444D5446 ("FTMD" on the wire), OpaqueVersion 1, TotalElements 1, Reserved
        assertArrayEquals(hex("46 54 4d 44 | 01 | 01 | 00 00 | 00 00 04 00 | 01 00 00 11"), wire);
    }

    @Test
    void selectionElementIsNotTheSupportedVersionElement() throws SpdmDecodeException {
        OpaqueData d = OpaqueData.decode(Bytes.of(VERSION_SELECTION_OPAQUE), SpdmVersion.V1_2);
        assertEquals(Optional.empty(), d.supportedSecuredMessageVersions());
    }

    // ---- §1.6 – §1.12 sizes and offsets

    @Test
    void getCertificateIs8BytesWithOffsetAndLengthLittleEndian() {
        assertArrayEquals(hex("12 82 01 00 | 00 04 | ff ff"),
                new GetCertificate(SpdmVersion.V1_2, 1, 0, 0x0400, 0xFFFF).encode());
    }

    @Test
    void challengeIs36BytesAt12And44At13() {
        assertEquals(36, new Challenge(SpdmVersion.V1_2, 0, 0xFF, Bytes.zeros(32), Bytes.EMPTY).encode().length);
        assertEquals(44, new Challenge(SpdmVersion.V1_3, 0, 0xFF, Bytes.zeros(32), Bytes.zeros(8)).encode().length);
    }

    @Test
    void getMeasurementsIs4Or37BytesAt12And12Or45At13() {
        assertEquals(4, new GetMeasurements(SpdmVersion.V1_2, 0, 0xFF, Bytes.EMPTY, 0, Bytes.EMPTY).encode().length);
        assertEquals(37, new GetMeasurements(SpdmVersion.V1_2, 1, 0xFF, Bytes.zeros(32), 0, Bytes.EMPTY).encode().length);
        assertEquals(12, new GetMeasurements(SpdmVersion.V1_3, 0, 0xFF, Bytes.EMPTY, 0, Bytes.zeros(8)).encode().length);
        assertEquals(45, new GetMeasurements(SpdmVersion.V1_3, 1, 0xFF, Bytes.zeros(32), 0, Bytes.zeros(8)).encode().length);
    }

    @Test
    void signedGetMeasurementsAt10HasNoSlotIdParam() {
        // SlotIDParam exists from 1.1 on (§1.9)
        assertEquals(36, new GetMeasurements(SpdmVersion.V1_0, 1, 0xFF, Bytes.zeros(32), 0, Bytes.EMPTY).encode().length);
    }

    @Test
    void signedGetMeasurementsPutsSlotIdParamAfterTheNonce() {
        byte[] wire = new GetMeasurements(SpdmVersion.V1_2, 1, 0xFF, Bytes.zeros(32), 0x0F, Bytes.EMPTY).encode();
        assertEquals(0x0F, wire[36]);
    }

    @Test
    void measurementsPutsTheRecordLengthInThreeBytesAtOffset5() {
        MeasurementBlock block = MeasurementBlock.dmtf(1, new DmtfMeasurement(DmtfMeasurement.IMMUTABLE_ROM, Bytes.zeros(64)));
        Bytes record = Bytes.of(MeasurementBlock.encodeAll(List.of(block)));
        byte[] wire = new Measurements(SpdmVersion.V1_2, 0, 0, 1, record, Bytes.zeros(32), Bytes.EMPTY, Bytes.EMPTY,
                Bytes.EMPTY).encode();
        // a block is Index, MeasurementSpecification, MeasurementSize(2) = 3 + value size, then type and value size
        assertArrayEquals(hex("12 60 00 00 | 01 | 47 00 00 | 01 01 43 00 | 00 40 00"), Arrays.copyOf(wire, 15));
        assertEquals(8 + 71 + 32 + 2, wire.length);
    }

    @Test
    void keyExchangePutsExchangeDataAtOffset40AndOpaqueLengthAfterIt() {
        Bytes exchange = Bytes.of(new byte[96]);
        byte[] opaque = OpaqueData.supportedSecuredMessageVersions(List.of(SpdmVersion.V1_2)).encode(SpdmVersion.V1_2);
        byte[] wire = new KeyExchange(SpdmVersion.V1_2, 0xFF, 0, 0xFFFF, 1, Bytes.zeros(32), exchange, Bytes.of(opaque))
                .encode();
        assertArrayEquals(hex("12 e4 ff 00 | ff ff | 01 | 00"), Arrays.copyOf(wire, 8));
        assertEquals(opaque.length, (wire[40 + 96] & 0xFF) | (wire[41 + 96] & 0xFF) << 8);
        assertEquals(42 + 96 + opaque.length, wire.length);
    }

    @Test
    void sessionControlMessagesAreFourBytes() {
        assertArrayEquals(hex("12 e8 00 00"), new Heartbeat(SpdmVersion.V1_2).encode());
        assertArrayEquals(hex("12 68 00 00"), new HeartbeatAck(SpdmVersion.V1_2).encode());
        assertArrayEquals(hex("12 e9 02 7a"), new KeyUpdate(SpdmVersion.V1_2, KeyUpdate.UPDATE_ALL_KEYS, 0x7A).encode());
        assertArrayEquals(hex("12 69 02 7a"),
                new KeyUpdateAck(SpdmVersion.V1_2, KeyUpdateAck.UPDATE_ALL_KEYS, 0x7A).encode());
        assertArrayEquals(hex("12 ec 01 00"), new EndSession(SpdmVersion.V1_2, 1).encode());
        assertArrayEquals(hex("12 6c 00 00"), new EndSessionAck(SpdmVersion.V1_2).encode());
    }

    // ---- §1.13 VENDOR_DEFINED with the PCI-SIG prefix

    @Test
    void pciSigVendorRequestStartsWithTheFixedPrefix() {
        // TDISP (protocol 1) GET_VERSION-like payload: ProtocolID then the protocol message; length includes ProtocolID
        Bytes payload = Bytes.of(hex("01 10 81 00 00"));
        byte[] wire = VendorDefined.pciSigRequest(SpdmVersion.V1_2, payload).encode();
        assertArrayEquals(hex("12 fe 00 00 | 03 00 | 02 | 01 00 | 05 00 | 01 10 81 00 00"), wire);
    }

    @Test
    void pciSigVendorResponseUsesCode7E() {
        byte[] wire = VendorDefined.pciSigResponse(SpdmVersion.V1_2, Bytes.of(hex("00 01"))).encode();
        assertArrayEquals(hex("12 7e 00 00 | 03 00 | 02 | 01 00 | 02 00 | 00 01"), wire);
    }

    @Test
    void pciSigPrefixDecodesAsPciSig() throws SpdmDecodeException {
        VendorDefined v = readExactly(hex("12 fe 00 00 03 00 02 01 00 04 00 00 00 00 01"), VendorDefined::read,
                VendorDefined.class);
        assertTrue(v.isPciSig());
        assertTrue(v.request());
        assertEquals(Bytes.of(hex("00 00 00 01")), v.payload());
    }

    // ---- §1.14 ERROR ResponseNotReady and RESPOND_IF_READY

    private static final byte[] RESPONSE_NOT_READY = hex("12 7f 42 00 | 0a | e0 | 05 | 03");

    @Test
    void responseNotReadyCarriesRdtExponentRequestCodeTokenRdtm() {
        ErrorResponse e = ErrorResponse.responseNotReady(SpdmVersion.V1_2,
                new ErrorResponse.ResponseNotReady(10, SpdmCode.GET_MEASUREMENTS, 5, 3));
        assertArrayEquals(RESPONSE_NOT_READY, e.encode());
    }

    @Test
    void responseNotReadyDecodesItsExtendedData() throws SpdmDecodeException {
        ErrorResponse e = readExactly(RESPONSE_NOT_READY, ErrorResponse::read, ErrorResponse.class);
        assertEquals(Optional.of(SpdmErrorCode.RESPONSE_NOT_READY), e.error());
        ErrorResponse.ResponseNotReady rnr = e.responseNotReady().orElseThrow();
        assertEquals(new ErrorResponse.ResponseNotReady(10, 0xE0, 5, 3), rnr);
        assertEquals(1024, rnr.waitMicros());
    }

    @Test
    void responseNotReadyDoesNotTakeTrailingPadding() throws SpdmDecodeException {
        ByteReader r = new ByteReader(hex("12 7f 42 00 0a e0 05 03 00 00 00 00"), "ERROR");
        ErrorResponse.read(r);
        assertEquals(4, r.remaining());
    }

    @Test
    void respondIfReadyEchoesRequestCodeAndToken() {
        assertArrayEquals(hex("12 ff e0 05"), new RespondIfReady(SpdmVersion.V1_2, SpdmCode.GET_MEASUREMENTS, 5).encode());
    }

    @Test
    void invalidRequestErrorIsFourBytes() throws SpdmDecodeException {
        ErrorResponse e = readExactly(hex("12 7f 01 00"), ErrorResponse::read, ErrorResponse.class);
        assertEquals(Optional.of(SpdmErrorCode.INVALID_REQUEST), e.error());
        assertEquals(Bytes.EMPTY, e.extendedErrorData());
    }

    @Test
    void errorCodesCarryTheirTableValues() {
        assertEquals(0x01, SpdmErrorCode.INVALID_REQUEST.value());
        assertEquals(0x02, SpdmErrorCode.INVALID_SESSION.value());
        assertEquals(0x0F, SpdmErrorCode.LARGE_RESPONSE.value());
        assertEquals(0x41, SpdmErrorCode.VERSION_MISMATCH.value());
        assertEquals(0x42, SpdmErrorCode.RESPONSE_NOT_READY.value());
        assertEquals(0x43, SpdmErrorCode.REQUEST_RESYNCH.value());
        assertEquals(0xFF, SpdmErrorCode.VENDOR_DEFINED.value());
    }
}
