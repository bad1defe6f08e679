package io.teeio.spdm.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Specific malformations each decoder must reject with an error that says what is wrong. */
class MalformedMessageTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("[\\s|]+", ""));
    }

    private static String failure(Sample.Decoder d, byte[] wire) {
        return assertThrows(SpdmDecodeException.class, () -> d.read(new ByteReader(wire, "test"))).getMessage();
    }

    private static final byte[] NEGOTIATE_ALGORITHMS = hex("12 e3 04 00 | 30 00 | 01 02 | 90 00 00 00 | 03 00 00 00"
            + "| 00 00 00 00 00 00 00 00 00 00 00 00 | 00 00 00 00"
            + "| 02 20 1b 00 | 03 20 06 00 | 04 20 0f 00 | 05 20 01 00");
    private static final byte[] ALGORITHMS = hex("12 63 04 00 | 34 00 | 01 02 | 08 00 00 00 | 80 00 00 00 | 02 00 00 00"
            + "| 00 00 00 00 00 00 00 00 00 00 00 | 00 | 00 00 00 00"
            + "| 02 20 10 00 | 03 20 02 00 | 04 20 08 00 | 05 20 01 00");

    // ---- truncation names the field

    @Test
    void truncatedChallengeNamesTheNonce() {
        byte[] wire = new Challenge(SpdmVersion.V1_2, 0, 0xFF, Bytes.zeros(32), Bytes.EMPTY).encode();
        String message = failure(Challenge::read, Arrays.copyOf(wire, 20));
        assertTrue(message.contains("reading Nonce"), message);
    }

    @Test
    void truncatedKeyExchangeNamesTheExchangeData() {
        byte[] wire = new KeyExchange(SpdmVersion.V1_2, 0, 0, 0xFFFF, 0, Bytes.zeros(32), Bytes.zeros(96), Bytes.EMPTY)
                .encode();
        String message = failure(r -> KeyExchange.read(r, 96), Arrays.copyOf(wire, 100));
        assertTrue(message.contains("reading ExchangeData"), message);
    }

    @Test
    void truncatedAlgStructNamesItsIndexAndField() {
        String message = failure(NegotiateAlgorithms::read, Arrays.copyOf(NEGOTIATE_ALGORITHMS, 42));
        assertTrue(message.contains("reading AlgStruct[2].AlgSupported"), message);
    }

    @Test
    void signedMeasurementsWithoutItsSignatureNamesTheSignature() {
        byte[] unsigned = new Measurements(SpdmVersion.V1_2, 0, 0, 0, Bytes.EMPTY, Bytes.zeros(32), Bytes.EMPTY,
                Bytes.EMPTY, Bytes.EMPTY).encode();
        String message = failure(r -> Measurements.read(r, true, 96), unsigned);
        assertTrue(message.contains("reading Signature"), message);
    }

    // ---- wrong code

    @Test
    void digestsBytesAreNotACertificate() {
        String message = failure(CertificateResponse::read, hex("12 01 00 00"));
        assertTrue(message.contains("CERTIFICATE") && message.contains("DIGESTS"), message);
    }

    @Test
    void vendorDefinedRejectsOtherCodesNamingBothAcceptedCodes() {
        String message = failure(VendorDefined::read, hex("12 7f 01 00"));
        assertTrue(message.contains("VENDOR_DEFINED_REQUEST") && message.contains("VENDOR_DEFINED_RESPONSE")
                && message.contains("ERROR"), message);
    }

    // ---- NEGOTIATE_ALGORITHMS / ALGORITHMS Length

    @ParameterizedTest
    @ValueSource(ints = {0, 0x2F, 0x31, 0x80, 0xFFFF})
    void negotiateAlgorithmsLengthThatDisagreesWithTheStructuresIsRejected(int length) {
        byte[] wire = NEGOTIATE_ALGORITHMS.clone();
        wire[4] = (byte) length;
        wire[5] = (byte) (length >> 8);
        String message = failure(NegotiateAlgorithms::read, wire);
        assertTrue(message.contains("Length field says " + length) && message.contains("take 48"), message);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 0x33, 0x35, 0xFFFF})
    void algorithmsLengthThatDisagreesWithTheStructuresIsRejected(int length) {
        byte[] wire = ALGORITHMS.clone();
        wire[4] = (byte) length;
        wire[5] = (byte) (length >> 8);
        String message = failure(Algorithms::read, wire);
        assertTrue(message.contains("Length field says " + length) && message.contains("take 52"), message);
    }

    // ---- AlgCount

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x10, 0x30, 0xF0, 0x11})
    void algStructWhoseFixedAlgCountIsNot2IsRejected(int algCount) {
        byte[] wire = NEGOTIATE_ALGORITHMS.clone();
        wire[32 + 4 + 1] = (byte) algCount; // the second struct (AEAD)
        String message = failure(NegotiateAlgorithms::read, wire);
        assertTrue(message.contains("AlgStruct[1]") && message.contains("FixedAlgCount is " + (algCount >> 4)), message);
    }

    @Test
    void algorithmsAlgStructWhoseFixedAlgCountIsNot2IsRejected() {
        byte[] wire = ALGORITHMS.clone();
        wire[36 + 1] = 0x30;
        String message = failure(Algorithms::read, wire);
        assertTrue(message.contains("AlgStruct[0]") && message.contains("must be 2"), message);
    }

    // ---- opaque data

    @Test
    void opaqueElementWithNonZeroPaddingIsRejected() {
        byte[] wire = hex("01 00 00 00 | 00 00 09 00 | 01 01 03 00 10 00 11 00 12 | 00 00 01");
        SpdmDecodeException e = assertThrows(SpdmDecodeException.class,
                () -> OpaqueData.decode(Bytes.of(wire), SpdmVersion.V1_2));
        assertTrue(e.getMessage().contains("element 0 has non-zero padding"), e.getMessage());
    }

    @Test
    void opaqueDataWithBytesAfterTheLastElementIsRejected() {
        byte[] wire = hex("01 00 00 00 | 00 00 04 00 | 01 00 00 12 | 00 00 00 00");
        SpdmDecodeException e = assertThrows(SpdmDecodeException.class,
                () -> OpaqueData.decode(Bytes.of(wire), SpdmVersion.V1_2));
        assertTrue(e.getMessage().contains("4 unexpected trailing bytes"), e.getMessage());
    }

    @Test
    void opaqueDataAt11WithoutTheDmtfSpecIdIsRejected() {
        byte[] wire = hex("44 4d 54 46 | 01 | 00 | 00 00");
        SpdmDecodeException e = assertThrows(SpdmDecodeException.class,
                () -> OpaqueData.decode(Bytes.of(wire), SpdmVersion.V1_1));
        assertTrue(e.getMessage().contains("SpecID"), e.getMessage());
    }

    @Test
    void opaqueDataAt11WithOpaqueVersion2IsRejected() {
        byte[] wire = hex("46 54 4d 44 | 02 | 00 | 00 00");
        SpdmDecodeException e = assertThrows(SpdmDecodeException.class,
                () -> OpaqueData.decode(Bytes.of(wire), SpdmVersion.V1_1));
        assertTrue(e.getMessage().contains("OpaqueVersion"), e.getMessage());
    }

    @Test
    void versionSelectionElementOfWrongLengthIsRejected() throws SpdmDecodeException {
        OpaqueData d = OpaqueData.decode(Bytes.of(hex("01 00 00 00 | 00 00 03 00 | 01 00 00 00")), SpdmVersion.V1_2);
        SpdmDecodeException e = assertThrows(SpdmDecodeException.class, d::securedMessageVersionSelection);
        assertTrue(e.getMessage().contains("VersionSelection"), e.getMessage());
    }

    @Test
    void supportedVersionElementShorterThanItsCountIsRejected() throws SpdmDecodeException {
        OpaqueData d = OpaqueData.decode(Bytes.of(hex("01 00 00 00 | 00 00 05 00 | 01 01 02 00 12 | 00 00 00")),
                SpdmVersion.V1_2);
        SpdmDecodeException e = assertThrows(SpdmDecodeException.class, d::supportedSecuredMessageVersions);
        assertTrue(e.getMessage().contains("VersionsList"), e.getMessage());
    }

    // ---- measurement blocks

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0xFF})
    void measurementBlockIndexOutside1To254IsRejected(int index) {
        byte[] record = hex("00 01 07 00 | 00 04 00 aa bb cc dd");
        record[0] = (byte) index;
        SpdmDecodeException e = assertThrows(SpdmDecodeException.class,
                () -> MeasurementBlock.decodeAll(Bytes.of(record), 1));
        assertTrue(e.getMessage().contains("invalid index " + index), e.getMessage());
    }

    @Test
    void measurementRecordLongerThanItsBlocksIsRejected() {
        byte[] record = hex("01 01 03 00 | 00 00 00 | 00");
        SpdmDecodeException e = assertThrows(SpdmDecodeException.class,
                () -> MeasurementBlock.decodeAll(Bytes.of(record), 1));
        assertTrue(e.getMessage().contains("trailing"), e.getMessage());
    }

    @Test
    void measurementRecordHoldingFewerBlocksThanNumberOfBlocksIsRejected() {
        byte[] record = hex("01 01 03 00 | 00 00 00");
        SpdmDecodeException e = assertThrows(SpdmDecodeException.class,
                () -> MeasurementBlock.decodeAll(Bytes.of(record), 2));
        assertTrue(e.getMessage().contains("reading Index"), e.getMessage());
    }

    @Test
    void dmtfMeasurementWhoseValueSizeDisagreesWithMeasurementSizeIsRejected() {
        MeasurementBlock block = new MeasurementBlock(1, MeasurementBlock.DMTF, Bytes.of(hex("00 02 00 aa bb cc")));
        SpdmDecodeException e = assertThrows(SpdmDecodeException.class, block::dmtf);
        assertTrue(e.getMessage().contains("trailing"), e.getMessage());
    }

    @Test
    void nonDmtfBlockHasNoDmtfView() {
        MeasurementBlock block = new MeasurementBlock(1, 0x02, Bytes.of(hex("00 00 00")));
        SpdmDecodeException e = assertThrows(SpdmDecodeException.class, block::dmtf);
        assertTrue(e.getMessage().contains("not in the DMTF format"), e.getMessage());
    }

    // ---- ERROR

    @Test
    void responseNotReadyWithoutItsFourExtendedBytesIsRejected() {
        String message = failure(ErrorResponse::read, hex("12 7f 42 00 0a e0"));
        assertTrue(message.contains("reading ExtendedErrorData"), message);
    }

    @Test
    void responseNotReadyRecordRequiresFourExtendedBytes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ErrorResponse(SpdmVersion.V1_2, 0x42, 0, Bytes.of(hex("0a e0"))));
        assertTrue(e.getMessage().contains("4 bytes"), e.getMessage());
    }

    @Test
    void errorKeepsAtMost32BytesOfExtendedData() throws SpdmDecodeException {
        byte[] wire = new byte[4 + 40];
        System.arraycopy(hex("12 7f ff 00"), 0, wire, 0, 4);
        ByteReader r = new ByteReader(wire, "ERROR");
        ErrorResponse e = ErrorResponse.read(r);
        assertEquals(32, e.extendedErrorData().length());
        assertEquals(8, r.remaining());
    }

    // ---- sizes that would not fit their fields

    private static void assertRejectedNaming(String field, Executable construction) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction);
        assertTrue(e.getMessage().contains(field), e.getMessage());
    }

    @Test
    void certificatePortionLongerThan16BitsCannotBeBuilt() {
        assertRejectedNaming("PortionLength",
                () -> new CertificateResponse(SpdmVersion.V1_2, 0, 0, Bytes.zeros(0x10000), 0));
    }

    @Test
    void opaqueElementVendorIdLongerThan255BytesCannotBeBuilt() {
        assertRejectedNaming("VendorLen", () -> new OpaqueData.Element(1, Bytes.zeros(256), Bytes.EMPTY));
    }

    @Test
    void opaqueDataWithMoreThan255ElementsCannotBeBuilt() {
        List<OpaqueData.Element> elements =
                Collections.nCopies(256, new OpaqueData.Element(0, Bytes.EMPTY, Bytes.EMPTY));
        assertRejectedNaming("TotalElements", () -> new OpaqueData(elements));
    }

    @Test
    void negotiateAlgorithmsWithMoreThan255ExtendedAsymAlgorithmsCannotBeBuilt() {
        List<Integer> ext = Collections.nCopies(256, 0x00010003);
        assertRejectedNaming("ExtAsymCount", () -> new NegotiateAlgorithms(SpdmVersion.V1_2, 1, 2, 0x80, 0x02, ext,
                List.of(), List.of(), 0));
    }

    @Test
    void algorithmsWithMoreThan255AlgStructsCannotBeBuilt() {
        List<AlgStruct> structs = Collections.nCopies(256, new AlgStruct(AlgStruct.DHE, 0x10));
        assertRejectedNaming("AlgStruct count", () -> new Algorithms(SpdmVersion.V1_2, 1, 2, 8, 0x80, 0x02, List.of(),
                List.of(), structs, 0));
    }

    @Test
    void digestsWhoseSlotMaskDisagreesWithTheDigestCountCannotBeBuilt() {
        assertThrows(IllegalArgumentException.class,
                () -> new Digests(SpdmVersion.V1_2, 0, 0x03, List.of(Bytes.zeros(48))));
    }
}
