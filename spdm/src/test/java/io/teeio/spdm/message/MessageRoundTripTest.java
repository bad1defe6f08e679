package io.teeio.spdm.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** record -> encode -> read -> the same record, with every byte of the encoding consumed. */
class MessageRoundTripTest {

    private static void assertRoundTrips(Sample s) throws SpdmDecodeException {
        byte[] wire = s.bytes();
        ByteReader r = new ByteReader(wire, s.message().name());
        SpdmMessage decoded = s.decoder().read(r);
        assertEquals(s.message(), decoded);
        assertEquals(0, r.remaining(), "read() must consume the whole encoding");
        assertArrayEquals(wire, decoded.encode(), "re-encoding must give the same bytes");
    }

    @Property
    void getVersionRoundTrips(@ForAll("getVersion") Sample s) throws SpdmDecodeException {
        assertRoundTrips(s);
    }

    @Property
    void versionRoundTrips(@ForAll("versionResponse") Sample s) throws SpdmDecodeException {
        assertRoundTrips(s);
    }

    @Property
    void getCapabilitiesRoundTripsIn10And11And12Layouts(@ForAll("getCapabilities") Sample s)
            throws SpdmDecodeException {
        assertRoundTrips(s);
    }

    @Property
    void capabilitiesRoundTripsIn10And11And12Layouts(@ForAll("capabilities") Sample s) throws SpdmDecodeException {
        assertRoundTrips(s);
    }

    @Property
    void negotiateAlgorithmsWithExtendedAlgorithmsAndAlgStructsRoundTrips(@ForAll("negotiateAlgorithms") Sample s)
            throws SpdmDecodeException {
        assertRoundTrips(s);
    }

    @Property
    void algorithmsWithExtendedAlgorithmsAndAlgStructsRoundTrips(@ForAll("algorithms") Sample s)
            throws SpdmDecodeException {
        assertRoundTrips(s);
    }

    @Property
    void getDigestsRoundTrips(@ForAll("getDigests") Sample s) throws SpdmDecodeException {
        assertRoundTrips(s);
    }

    @Property
    void digestsRoundTripsForEverySlotMask(@ForAll("digests") Sample s) throws SpdmDecodeException {
        assertRoundTrips(s);
    }

    @Property
    void getCertificateRoundTrips(@ForAll("getCertificate") Sample s) throws SpdmDecodeException {
        assertRoundTrips(s);
    }

    @Property
    void certificateRoundTrips(@ForAll("certificateResponse") Sample s) throws SpdmDecodeException {
        assertRoundTrips(s);
    }

    @Property
    void challengeRoundTripsWithAndWithoutRequesterContext(@ForAll("challenge") Sample s) throws SpdmDecodeException {
        assertRoundTrips(s);
    }

    @Property
    void challengeAuthRoundTripsWithAndWithoutSummaryHash(@ForAll("challengeAuth") Sample s)
            throws SpdmDecodeException {
        assertRoundTrips(s);
    }

    @Property
    void getMeasurementsRoundTripsSignedAndUnsigned(@ForAll("getMeasurements") Sample s) throws SpdmDecodeException {
        assertRoundTrips(s);
    }

    @Property
    void measurementsRoundTripsSignedAndUnsigned(@ForAll("measurements") Sample s) throws SpdmDecodeException {
        assertRoundTrips(s);
    }

    @Property
    void measurementRecordDecodesIntoTheBlocksItWasBuiltFrom(
            @ForAll @Size(max = 8) List<@From("measurementBlocks") MeasurementBlock> blocks) throws SpdmDecodeException {
        Bytes record = Bytes.of(MeasurementBlock.encodeAll(blocks));
        assertEquals(blocks, MeasurementBlock.decodeAll(record, blocks.size()));
    }

    @Property
    void dmtfMeasurementRoundTripsThroughItsBlock(@ForAll("dmtfMeasurement") DmtfMeasurement m,
            @ForAll("measurementIndex") int index) throws SpdmDecodeException {
        MeasurementBlock block = MeasurementBlock.dmtf(index, m);
        assertEquals(m, block.dmtf());
    }

    @Property
    void vendorDefinedRequestAndResponseRoundTrip(@ForAll("vendorDefined") Sample s) throws SpdmDecodeException {
        assertRoundTrips(s);
    }

    @Property
    void errorRoundTripsForEveryDefinedCode(@ForAll("errorResponse") Sample s) throws SpdmDecodeException {
        assertRoundTrips(s);
    }

    @Property
    void errorRoundTripsForUndefinedCodes(@ForAll("errorResponseWithUndefinedCode") Sample s)
            throws SpdmDecodeException {
        assertRoundTrips(s);
    }

    @ParameterizedTest
    @EnumSource(SpdmErrorCode.class)
    void errorOfEachDefinedCodeRoundTripsToThatCode(SpdmErrorCode code) throws SpdmDecodeException {
        ErrorResponse e = code == SpdmErrorCode.RESPONSE_NOT_READY
                ? ErrorResponse.responseNotReady(SpdmVersion.V1_2, new ErrorResponse.ResponseNotReady(1, 2, 3, 4))
                : ErrorResponse.of(SpdmVersion.V1_2, code, 0x5A);
        assertRoundTrips(MessageArbitraries.errorSample(e));
        assertEquals(Optional.of(code), ErrorResponse.read(new ByteReader(e.encode(), "ERROR")).error());
    }

    /** DOE pads a message to a dword; the padding must stay in the reader for the transport to check. */
    @Property
    void trailingPaddingIsLeftInTheReader(@ForAll("anyMessage") Sample s, @ForAll @IntRange(min = 1, max = 3) int pad)
            throws SpdmDecodeException {
        // ERROR has no length field: it keeps what follows as extended data, except ResponseNotReady's fixed 4 bytes
        Assume.that(!(s.message() instanceof ErrorResponse e) || e.errorCode() == SpdmErrorCode.RESPONSE_NOT_READY.value());
        byte[] wire = Arrays.copyOf(s.bytes(), s.bytes().length + pad);
        ByteReader r = new ByteReader(wire, s.message().name());
        assertEquals(s.message(), s.decoder().read(r));
        assertEquals(pad, r.remaining());
    }

    @Property
    void responseNotReadyExtendedDataRoundTrips(@ForAll("responseNotReady") ErrorResponse.ResponseNotReady rnr)
            throws SpdmDecodeException {
        ErrorResponse e = ErrorResponse.responseNotReady(SpdmVersion.V1_2, rnr);
        ErrorResponse back = ErrorResponse.read(new ByteReader(e.encode(), "ERROR"));
        assertEquals(Optional.of(rnr), back.responseNotReady());
    }

    @Property
    void respondIfReadyRoundTrips(@ForAll("respondIfReady") Sample s) throws SpdmDecodeException {
        assertRoundTrips(s);
    }

    @Property
    void keyExchangeRoundTrips(@ForAll("keyExchange") Sample s) throws SpdmDecodeException {
        assertRoundTrips(s);
    }

    @Property
    void keyExchangeRspRoundTripsWithAndWithoutSummaryHashAndVerifyData(@ForAll("keyExchangeRsp") Sample s)
            throws SpdmDecodeException {
        assertRoundTrips(s);
    }

    @Property
    void finishRoundTripsWithAndWithoutSignature(@ForAll("finish") Sample s) throws SpdmDecodeException {
        assertRoundTrips(s);
    }

    @Property
    void finishRspRoundTripsWithAndWithoutVerifyData(@ForAll("finishRsp") Sample s) throws SpdmDecodeException {
        assertRoundTrips(s);
    }

    @Property
    void heartbeatRoundTrips(@ForAll("heartbeat") Sample s) throws SpdmDecodeException {
        assertRoundTrips(s);
    }

    @Property
    void heartbeatAckRoundTrips(@ForAll("heartbeatAck") Sample s) throws SpdmDecodeException {
        assertRoundTrips(s);
    }

    @Property
    void keyUpdateRoundTrips(@ForAll("keyUpdate") Sample s) throws SpdmDecodeException {
        assertRoundTrips(s);
    }

    @Property
    void keyUpdateAckRoundTrips(@ForAll("keyUpdateAck") Sample s) throws SpdmDecodeException {
        assertRoundTrips(s);
    }

    @Property
    void endSessionRoundTrips(@ForAll("endSession") Sample s) throws SpdmDecodeException {
        assertRoundTrips(s);
    }

    @Property
    void endSessionAckRoundTrips(@ForAll("endSessionAck") Sample s) throws SpdmDecodeException {
        assertRoundTrips(s);
    }

    @Property
    void opaqueDataRoundTripsIn11And12Forms(@ForAll("opaqueData") OpaqueData data,
            @ForAll("opaqueDataVersion") SpdmVersion v) throws SpdmDecodeException {
        byte[] wire = data.encode(v);
        assertEquals(0, wire.length % 4, "elements are padded to 4 bytes and both headers are 4 or 8 bytes");
        assertEquals(data, OpaqueData.decode(Bytes.of(wire), v));
    }

    @Property
    void supportedVersionElementRoundTrips(
            @ForAll @Size(max = 16) List<@From("securedMessageVersion") SpdmVersion> versions,
            @ForAll("opaqueDataVersion") SpdmVersion v) throws SpdmDecodeException {
        OpaqueData sent = OpaqueData.supportedSecuredMessageVersions(versions);
        OpaqueData received = OpaqueData.decode(Bytes.of(sent.encode(v)), v);
        assertEquals(Optional.of(versions), received.supportedSecuredMessageVersions());
    }

    @Property
    void versionSelectionElementRoundTrips(@ForAll("securedMessageVersion") SpdmVersion selected,
            @ForAll("opaqueDataVersion") SpdmVersion v) throws SpdmDecodeException {
        OpaqueData sent = OpaqueData.securedMessageVersionSelection(selected);
        OpaqueData received = OpaqueData.decode(Bytes.of(sent.encode(v)), v);
        assertEquals(Optional.of(selected), received.securedMessageVersionSelection());
    }

    // ---- providers

    @Provide
    Arbitrary<Sample> anyMessage() {
        return MessageArbitraries.anyMessage();
    }

    @Provide
    Arbitrary<Sample> getVersion() {
        return MessageArbitraries.getVersion();
    }

    @Provide
    Arbitrary<Sample> versionResponse() {
        return MessageArbitraries.versionResponse();
    }

    @Provide
    Arbitrary<Sample> getCapabilities() {
        return MessageArbitraries.getCapabilities();
    }

    @Provide
    Arbitrary<Sample> capabilities() {
        return MessageArbitraries.capabilities();
    }

    @Provide
    Arbitrary<Sample> negotiateAlgorithms() {
        return MessageArbitraries.negotiateAlgorithms();
    }

    @Provide
    Arbitrary<Sample> algorithms() {
        return MessageArbitraries.algorithms();
    }

    @Provide
    Arbitrary<Sample> getDigests() {
        return MessageArbitraries.getDigests();
    }

    @Provide
    Arbitrary<Sample> digests() {
        return MessageArbitraries.digests();
    }

    @Provide
    Arbitrary<Sample> getCertificate() {
        return MessageArbitraries.getCertificate();
    }

    @Provide
    Arbitrary<Sample> certificateResponse() {
        return MessageArbitraries.certificateResponse();
    }

    @Provide
    Arbitrary<Sample> challenge() {
        return MessageArbitraries.challenge();
    }

    @Provide
    Arbitrary<Sample> challengeAuth() {
        return MessageArbitraries.challengeAuth();
    }

    @Provide
    Arbitrary<Sample> getMeasurements() {
        return MessageArbitraries.getMeasurements();
    }

    @Provide
    Arbitrary<Sample> measurements() {
        return MessageArbitraries.measurements();
    }

    @Provide
    Arbitrary<MeasurementBlock> measurementBlocks() {
        return MessageArbitraries.measurementBlock();
    }

    @Provide
    Arbitrary<DmtfMeasurement> dmtfMeasurement() {
        return MessageArbitraries.dmtfMeasurement();
    }

    @Provide
    Arbitrary<Integer> measurementIndex() {
        return Arbitraries.integers().between(1, 0xFE);
    }

    @Provide
    Arbitrary<Sample> vendorDefined() {
        return MessageArbitraries.vendorDefined();
    }

    @Provide
    Arbitrary<Sample> errorResponse() {
        return MessageArbitraries.errorResponse();
    }

    @Provide
    Arbitrary<Sample> errorResponseWithUndefinedCode() {
        return MessageArbitraries.errorResponseWithUndefinedCode();
    }

    @Provide
    Arbitrary<ErrorResponse.ResponseNotReady> responseNotReady() {
        return MessageArbitraries.responseNotReady();
    }

    @Provide
    Arbitrary<Sample> respondIfReady() {
        return MessageArbitraries.respondIfReady();
    }

    @Provide
    Arbitrary<Sample> keyExchange() {
        return MessageArbitraries.keyExchange();
    }

    @Provide
    Arbitrary<Sample> keyExchangeRsp() {
        return MessageArbitraries.keyExchangeRsp();
    }

    @Provide
    Arbitrary<Sample> finish() {
        return MessageArbitraries.finish();
    }

    @Provide
    Arbitrary<Sample> finishRsp() {
        return MessageArbitraries.finishRsp();
    }

    @Provide
    Arbitrary<Sample> heartbeat() {
        return MessageArbitraries.heartbeat();
    }

    @Provide
    Arbitrary<Sample> heartbeatAck() {
        return MessageArbitraries.heartbeatAck();
    }

    @Provide
    Arbitrary<Sample> keyUpdate() {
        return MessageArbitraries.keyUpdate();
    }

    @Provide
    Arbitrary<Sample> keyUpdateAck() {
        return MessageArbitraries.keyUpdateAck();
    }

    @Provide
    Arbitrary<Sample> endSession() {
        return MessageArbitraries.endSession();
    }

    @Provide
    Arbitrary<Sample> endSessionAck() {
        return MessageArbitraries.endSessionAck();
    }

    @Provide
    Arbitrary<OpaqueData> opaqueData() {
        return MessageArbitraries.opaqueData();
    }

    @Provide
    Arbitrary<SpdmVersion> opaqueDataVersion() {
        return MessageArbitraries.opaqueDataVersion();
    }

    @Provide
    Arbitrary<SpdmVersion> securedMessageVersion() {
        return MessageArbitraries.securedMessageVersion();
    }

}
