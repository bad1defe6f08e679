package io.teeio.platform.tsm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.pcie.tdisp.TdiState;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;
import io.teeio.spdm.message.MeasurementBlock;
import java.util.Arrays;
import java.util.HexFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The guest request encoding: known layouts, round trips, and decoders that fail only with a decode error. */
class GuestRequestCodecTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("[\\s|]", ""));
    }

    @Test
    void getTdiStateIsTypeFourWithAnEmptyPayload() {
        assertArrayEquals(hex("04 | 00 | 0000"), GuestRequestCodec.encode(new GuestRequest.GetTdiState()));
    }

    @Test
    void startCarriesTheFortyEightByteReportDigestAfterTheHeader() {
        Bytes digest = Bytes.of(new byte[48]);
        assertArrayEquals(hex("81 | 00 | 3000" + "00".repeat(48)),
                GuestRequestCodec.encode(new GuestRequest.StartInterface(digest)));
    }

    @Test
    void startAcceptingAReportCarriesItsSha384() {
        // SHA-384 of the empty string (FIPS 180-4 example value).
        assertEquals(Bytes.fromHex("38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da"
                + "274edebfe76f65fbd51ad2f14898b95b"), GuestRequest.StartInterface.accepting(Bytes.EMPTY).reportDigest());
    }

    @Test
    void tdiStateResponseIsTheStateCodeAfterAnEightByteHeader() {
        assertArrayEquals(hex("04 | 00 | 0000 | 01000000 | 02"),
                GuestRequestCodec.encode(new GuestResponse.TdiStateReport(TdiState.RUN)));
    }

    @Test
    void measurementsResponseCountsItsBlocks() {
        MeasurementBlock b = new MeasurementBlock(1, MeasurementBlock.DMTF, Bytes.fromHex("0102"));
        assertArrayEquals(hex("03 | 00 | 0000 | 07000000 | 01 | 01 01 0200 0102"),
                GuestRequestCodec.encode(new GuestResponse.Measurements(java.util.List.of(b))));
    }

    @Test
    void anUnknownRequestTypeIsNamed() {
        SpdmDecodeException e = assertThrows(SpdmDecodeException.class,
                () -> GuestRequestCodec.decodeRequest(hex("05 00 0000")));
        assertTrue(e.getMessage().contains("type 0x5"), e.getMessage());
    }

    @Test
    void aPayloadOnARequestThatTakesNoneIsRefused() {
        SpdmDecodeException e = assertThrows(SpdmDecodeException.class,
                () -> GuestRequestCodec.decodeRequest(hex("01 00 0100 ff")));
        assertTrue(e.getMessage().contains("takes no payload"), e.getMessage());
    }

    @Test
    void aNonZeroReservedByteIsRefused() {
        SpdmDecodeException e = assertThrows(SpdmDecodeException.class,
                () -> GuestRequestCodec.decodeRequest(hex("01 01 0000")));
        assertTrue(e.getMessage().contains("reserved"), e.getMessage());
    }

    @Test
    void aLengthThatDisagreesWithTheBytesIsRefused() {
        SpdmDecodeException e = assertThrows(SpdmDecodeException.class,
                () -> GuestRequestCodec.decodeResponse(hex("04 00 0000 02000000 02")));
        assertTrue(e.getMessage().contains("payload length 2"), e.getMessage());
    }

    @Test
    void anUnknownTdiStateIsRefused() {
        SpdmDecodeException e = assertThrows(SpdmDecodeException.class,
                () -> GuestRequestCodec.decodeResponse(hex("04 00 0000 01000000 07")));
        assertTrue(e.getMessage().contains("TDI_STATE 7"), e.getMessage());
    }

    @Property
    void everyRequestRoundTrips(@ForAll("requests") GuestRequest r) throws SpdmDecodeException {
        assertEquals(r, GuestRequestCodec.decodeRequest(GuestRequestCodec.encode(r)));
    }

    @Property
    void everyResponseRoundTrips(@ForAll("responses") GuestResponse r) throws SpdmDecodeException {
        assertEquals(r, GuestRequestCodec.decodeResponse(GuestRequestCodec.encode(r)));
    }

    @Property
    void randomBytesFailOnlyWithADecodeError(@ForAll @Size(max = 80) byte[] bytes) {
        decodeBoth(bytes);
    }

    @Property
    void mutatedRequestsFailOnlyWithADecodeError(@ForAll("requests") GuestRequest r,
            @ForAll @IntRange(max = 2) int how, @ForAll int position, @ForAll byte value) {
        decodeBoth(mutate(GuestRequestCodec.encode(r), how, position, value));
    }

    @Property
    void mutatedResponsesFailOnlyWithADecodeError(@ForAll("responses") GuestResponse r,
            @ForAll @IntRange(max = 2) int how, @ForAll int position, @ForAll byte value) {
        decodeBoth(mutate(GuestRequestCodec.encode(r), how, position, value));
    }

    private static void decodeBoth(byte[] bytes) {
        try {
            GuestRequestCodec.decodeRequest(bytes);
        } catch (SpdmDecodeException expected) {
            assertTrue(expected.getMessage().startsWith("guest"), expected.getMessage());
        }
        try {
            GuestRequestCodec.decodeResponse(bytes);
        } catch (SpdmDecodeException expected) {
            assertTrue(!expected.getMessage().isBlank());
        }
    }

    /** 0 overwrite a byte, 1 truncate there, 2 append a byte. */
    private static byte[] mutate(byte[] valid, int how, int position, byte value) {
        int at = Math.floorMod(position, valid.length);
        return switch (how) {
            case 0 -> {
                byte[] copy = valid.clone();
                copy[at] = copy[at] == value ? (byte) (value + 1) : value;
                yield copy;
            }
            case 1 -> Arrays.copyOf(valid, at);
            default -> {
                byte[] copy = Arrays.copyOf(valid, valid.length + 1);
                copy[valid.length] = value;
                yield copy;
            }
        };
    }

    @Provide
    Arbitrary<GuestRequest> requests() {
        return Arbitraries.oneOf(
                Arbitraries.of(new GuestRequest.GetInterfaceReport(), new GuestRequest.GetCertificateChain(),
                        new GuestRequest.GetMeasurements(), new GuestRequest.GetTdiState(),
                        new GuestRequest.StopInterface()),
                Arbitraries.bytes().array(byte[].class).ofSize(48).map(b -> new GuestRequest.StartInterface(Bytes.of(b))));
    }

    @Provide
    Arbitrary<GuestResponse> responses() {
        Arbitrary<Bytes> blob = Arbitraries.bytes().array(byte[].class).ofMaxSize(300).map(Bytes::of);
        Arbitrary<TdiState> state = Arbitraries.of(TdiState.class);
        Arbitrary<MeasurementBlock> block = Combinators.combine(Arbitraries.integers().between(1, 0xFE),
                Arbitraries.integers().between(0, 0xFF), blob).as(MeasurementBlock::new);
        return Arbitraries.oneOf(
                blob.map(GuestResponse.InterfaceReport::new),
                blob.map(GuestResponse.CertificateChain::new),
                block.list().ofMaxSize(5).map(GuestResponse.Measurements::new),
                state.map(GuestResponse.TdiStateReport::new),
                Combinators.combine(Arbitraries.of(GuestRequestType.START_INTERFACE, GuestRequestType.STOP_INTERFACE),
                        state).as(GuestResponse.StateChanged::new));
    }
}
