package io.teeio.pcie.tdisp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.pcie.vdm.Mutation;
import io.teeio.pcie.vdm.PciSigPayload;
import io.teeio.pcie.vdm.PciSigPayloadCodec;
import io.teeio.pcie.vdm.PciSigProtocol;
import io.teeio.pcie.vdm.PciSigVectors;
import io.teeio.pcie.vdm.PciSigVectors.VendorMessage;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class TdispCodecTest {
    private static final InterfaceId BEEF = new InterfaceId(0x0000BEEF);
    private static final Set<TdispMessageType> REQUIRED = EnumSet.range(TdispMessageType.GET_TDISP_VERSION,
            TdispMessageType.STOP_INTERFACE_REQUEST);

    static Stream<VendorMessage> capturedTdispMessages() {
        return PciSigVectors.pciSigMessages("A_ecdsa_p384").stream().filter(m -> m.protocol() == PciSigProtocol.TDISP);
    }

    @Test
    void getTdispVersionVendorPayloadMatchesTheProtocolsExample() {
        byte[] tdisp = TdispCodec.encode(new TdispRequest.GetTdispVersion(BEEF));
        byte[] payload = PciSigPayloadCodec.encode(new PciSigPayload(PciSigProtocol.TDISP, Bytes.of(tdisp)));
        assertArrayEquals(PciSigVectors.hex("01 | 10 81 00 00 | ef be 00 00 | 00 00 00 00 00 00 00 00"
                .replace("|", "")), payload);
        assertEquals(0x11, payload.length);
    }

    @Test
    void captureHoldsElevenTdispExchangesPerKeyedSession() {
        assertEquals(2 * 2 * 11, capturedTdispMessages().count());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("capturedTdispMessages")
    void capturedMessageDecodesAndReEncodesByteForByte(VendorMessage m) throws SpdmDecodeException {
        TdispMessage decoded = TdispCodec.decode(m.message());
        assertEquals(m.fromRequester(), decoded.type().isRequest());
        assertEquals(BEEF, decoded.interfaceId());
        assertArrayEquals(m.message(), TdispCodec.encode(decoded));
    }

    @Test
    void capturedCapabilitiesListTheSevenRequiredRequestsAndFlagsSeven() throws SpdmDecodeException {
        VendorMessage caps = capturedTdispMessages().filter(m -> m.name().contains(" TDISP_CAPABILITIES"))
                .findFirst().orElseThrow();
        TdispResponse.TdispCapabilities c = (TdispResponse.TdispCapabilities) TdispCodec.decode(caps.message());
        assertEquals(REQUIRED, c.supportedRequests());
        assertEquals(new LockInterfaceFlags(0x0007), c.lockInterfaceFlagsSupported());
        assertEquals(48, c.devAddrWidth());
    }

    @Test
    void capturedLockRequestCarriesFlagsStreamAndReportingOffset() throws SpdmDecodeException {
        VendorMessage lock = capturedTdispMessages().filter(m -> m.name().contains("LOCK_INTERFACE_REQUEST"))
                .findFirst().orElseThrow();
        assertEquals(new TdispRequest.LockInterfaceRequest(BEEF, new LockInterfaceFlags(7), 0, 0xD000_0000L, 0),
                TdispCodec.decode(lock.message()));
    }

    @Test
    void requestBitmapPutsEachCodeAtCodeMinus0x80() {
        TdispResponse.TdispCapabilities c = TdispResponse.TdispCapabilities.of(BEEF, 0, REQUIRED,
                LockInterfaceFlags.NONE, 52, 0, 0);
        assertEquals(Bytes.fromHex("fe000000000000000000000000000000"), c.reqMsgsSupported());
    }

    @Test
    void bitmapOfOlderPeersCountingFrom0x7fIsReadLeniently() {
        TdispResponse.TdispCapabilities old = new TdispResponse.TdispCapabilities(BEEF, 0,
                Bytes.fromHex("fc010000000000000000000000000000"), LockInterfaceFlags.NONE, 52, 0, 0);
        assertEquals(REQUIRED, old.supportedRequests());
    }

    @Test
    void vendorSpecificErrorCarriesItsExtendedDataLengthAsErrorData() {
        TdispResponse.TdispError e = TdispResponse.TdispError.vendorSpecific(BEEF, new TdispResponse.VendorSpecificError(
                new VendorIdentity(VendorIdentity.PCI_SIG, Bytes.fromHex("0100")), Bytes.fromHex("aabb")));
        assertArrayEquals(PciSigVectors.hex("10 7f 00 00 ef be 00 00 00 00 00 00 00 00 00 00"
                + " ff 00 00 00 06 00 00 00 00 02 01 00 aa bb"), TdispCodec.encode(e));
    }

    @ParameterizedTest
    @EnumSource(TdispErrorCode.class)
    void everyErrorCodeRoundTripsThroughTdispError(TdispErrorCode code) throws SpdmDecodeException {
        TdispResponse.TdispError e = code == TdispErrorCode.VENDOR_SPECIFIC_ERROR
                ? TdispResponse.TdispError.vendorSpecific(BEEF, new TdispResponse.VendorSpecificError(
                        new VendorIdentity(VendorIdentity.CXL, Bytes.fromHex("981e")), Bytes.EMPTY))
                : TdispResponse.TdispError.of(BEEF, code, code == TdispErrorCode.UNSUPPORTED_REQUEST ? 0x88 : 0);
        assertEquals(e, TdispCodec.decode(TdispCodec.encode(e)));
    }

    @Test
    void errorCodesHaveTheirTableValues() {
        assertEquals("1 3 4 5 7 41 ff 101 102 103 104", Stream.of(TdispErrorCode.values())
                .map(c -> Integer.toHexString(c.code())).collect(Collectors.joining(" ")));
    }

    @Test
    void vendorSpecificErrorWhoseErrorDataDisagreesWithItsExtendedDataIsRejected() {
        byte[] b = PciSigVectors.hex("10 7f 00 00 ef be 00 00 00 00 00 00 00 00 00 00 ff 00 00 00 07 00 00 00"
                + " 00 02 01 00 aa bb");
        assertThrows(SpdmDecodeException.class, () -> TdispCodec.decode(b));
    }

    @Test
    void nonVendorErrorWithExtendedDataIsRejected() {
        byte[] b = PciSigVectors.hex("10 7f 00 00 ef be 00 00 00 00 00 00 00 00 00 00 01 00 00 00 00 00 00 00 ee");
        assertThrows(SpdmDecodeException.class, () -> TdispCodec.decode(b));
    }

    @Test
    void otherTdispVersionIsRejected() {
        byte[] b = TdispCodec.encode(new TdispRequest.GetTdispVersion(BEEF));
        b[0] = 0x20;
        SpdmDecodeException e = assertThrows(SpdmDecodeException.class, () -> TdispCodec.decode(b));
        assertTrue(e.getMessage().contains("TDISPVersion 0x20"), e.getMessage());
    }

    @Test
    void nonZeroReservedInterfaceIdByteIsRejected() {
        byte[] b = TdispCodec.encode(new TdispRequest.GetTdispVersion(BEEF));
        b[12] = 1;
        assertThrows(SpdmDecodeException.class, () -> TdispCodec.decode(b));
    }

    @Test
    void trailingByteIsRejected() {
        byte[] b = TdispCodec.encode(new TdispRequest.StopInterfaceRequest(BEEF));
        assertThrows(SpdmDecodeException.class, () -> TdispCodec.decode(java.util.Arrays.copyOf(b, b.length + 1)));
    }

    @Test
    void versionResponseWithoutEntriesIsRejected() {
        byte[] b = PciSigVectors.hex("10 01 00 00 ef be 00 00 00 00 00 00 00 00 00 00 00");
        assertThrows(SpdmDecodeException.class, () -> TdispCodec.decode(b));
    }

    @Test
    void undefinedTdiStateIsRejected() {
        byte[] b = PciSigVectors.hex("10 05 00 00 ef be 00 00 00 00 00 00 00 00 00 00 04");
        assertThrows(SpdmDecodeException.class, () -> TdispCodec.decode(b));
    }

    @Test
    void requestDecoderRefusesAResponse() {
        byte[] b = TdispCodec.encode(new TdispResponse.StopInterfaceResponse(BEEF));
        assertThrows(SpdmDecodeException.class, () -> TdispCodec.decodeRequest(b));
    }

    @Test
    void interfaceIdSplitsIntoRequesterIdAndSegment() {
        InterfaceId id = InterfaceId.of(2, 0x3a, 1, 5);
        assertEquals(0x3a, id.bus());
        assertEquals(1, id.device());
        assertEquals(5, id.function());
        assertTrue(id.segmentValid());
        assertEquals(2, id.segment());
        assertFalse(InterfaceId.of(1, 0, 0).segmentValid());
    }

    @Property
    void everyMessageRoundTrips(@ForAll("messages") TdispMessage m) throws SpdmDecodeException {
        assertEquals(m, TdispCodec.decode(TdispCodec.encode(m)));
    }

    @Property
    void randomBytesOnlyEverRaiseTheDecodeException(@ForAll @Size(max = 60) byte[] bytes) {
        try {
            TdispCodec.decode(bytes);
        } catch (SpdmDecodeException expected) {
            assertTrue(expected.getMessage().startsWith("TDISP") || expected.getMessage().contains("_"),
                    expected.getMessage());
        }
    }

    @Property
    void mutatedMessagesOnlyEverRaiseTheDecodeException(@ForAll("messages") TdispMessage m,
            @ForAll @IntRange(max = 200) int position, @ForAll byte value, @ForAll @IntRange(max = 2) int how) {
        byte[] mutated = Mutation.apply(TdispCodec.encode(m), how, position, value);
        try {
            TdispCodec.decode(mutated);
        } catch (SpdmDecodeException expected) {
            assertFalse(expected.getMessage().isEmpty());
        }
        try {
            TdispHeader.decode(mutated);
        } catch (SpdmDecodeException expected) {
            assertTrue(expected.getMessage().startsWith("TDISP header"), expected.getMessage());
        }
    }

    @Provide
    Arbitrary<TdispMessage> messages() {
        return TdispArbitraries.messages();
    }
}
