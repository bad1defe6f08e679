package io.teeio.pcie.tdisp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.pcie.vdm.Mutation;
import io.teeio.pcie.vdm.PciSigProtocol;
import io.teeio.pcie.vdm.PciSigVectors;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class TdiReportCodecTest {

    /** The two DEVICE_INTERFACE_REPORT portions spdm-emu sent in the first session, joined. */
    static byte[] capturedReport() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        PciSigVectors.pciSigMessages("A_ecdsa_p384").stream()
                .filter(m -> m.protocol() == PciSigProtocol.TDISP && m.name().contains(" DEVICE_INTERFACE_REPORT"))
                .limit(2)
                .forEach(m -> {
                    try {
                        all.writeBytes(((TdispResponse.DeviceInterfaceReport) TdispCodec.decode(m.message()))
                                .portion().toByteArray());
                    } catch (SpdmDecodeException e) {
                        throw new AssertionError(e);
                    }
                });
        return all.toByteArray();
    }

    /** What spdm-emu's sample DSM reports: four ranges and a 16-byte device string. */
    static final TdiReport SPDM_EMU_REPORT = new TdiReport(0x0003, 0, 0, 0, List.of(
            new MmioRange(0x00000, 1, MmioRange.IS_NON_TEE_MEM, 1),
            new MmioRange(0x08000, 4, MmioRange.IS_MEM_ATTR_UPDATABLE, 2),
            new MmioRange(0x10000, 8, MmioRange.IS_MEM_ATTR_UPDATABLE, 3),
            new MmioRange(0x20000, 8, MmioRange.IS_MEM_ATTR_UPDATABLE, 4)),
            Bytes.of("tdisp_dev_emu\0\0\0".getBytes(StandardCharsets.US_ASCII)));

    @Test
    void capturedReportDecodesToSpdmEmusSampleTdi() throws SpdmDecodeException {
        assertEquals(SPDM_EMU_REPORT, TdiReportCodec.decode(capturedReport()));
    }

    @Test
    void capturedReportReEncodesByteForByte() throws SpdmDecodeException {
        byte[] captured = capturedReport();
        assertEquals(100, captured.length);
        assertArrayEquals(captured, TdiReportCodec.encode(TdiReportCodec.decode(captured)));
    }

    @Test
    void rangeIdSitsInTheUpperHalfOfRangeAttributes() {
        byte[] b = TdiReportCodec.encode(new TdiReport(0, 0, 0, 0, List.of(new MmioRange(1, 2, 0x0008, 0x0005)),
                Bytes.EMPTY));
        assertArrayEquals(PciSigVectors.hex("08 00 05 00"), java.util.Arrays.copyOfRange(b, 28, 32));
    }

    @Test
    void rangeCountBeyondTheBytesPresentIsRejected() {
        byte[] b = PciSigVectors.hex("00 00 00 00 00 00 00 00 00 00 00 00 ff ff ff ff 00 00 00 00");
        SpdmDecodeException e = assertThrows(SpdmDecodeException.class, () -> TdiReportCodec.decode(b));
        assertTrue(e.getMessage().contains("MMIO_RANGE_COUNT"), e.getMessage());
    }

    @Test
    void deviceInfoLengthDisagreeingWithTheRestIsRejected() {
        byte[] b = PciSigVectors.hex("00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 02 00 00 00 aa");
        assertThrows(SpdmDecodeException.class, () -> TdiReportCodec.decode(b));
    }

    @Property
    void reportRoundTrips(@ForAll("reports") TdiReport report) throws SpdmDecodeException {
        assertEquals(report, TdiReportCodec.decode(TdiReportCodec.encode(report)));
    }

    @Property
    void randomBytesOnlyEverRaiseTheDecodeException(@ForAll @Size(max = 80) byte[] bytes) {
        try {
            TdiReportCodec.decode(bytes);
        } catch (SpdmDecodeException expected) {
            assertTrue(expected.getMessage().startsWith("TDI report"), expected.getMessage());
        }
    }

    @Property
    void mutatedReportsOnlyEverRaiseTheDecodeException(@ForAll("reports") TdiReport report,
            @ForAll @IntRange(max = 200) int position, @ForAll byte value, @ForAll @IntRange(max = 2) int how) {
        try {
            TdiReportCodec.decode(Mutation.apply(TdiReportCodec.encode(report), how, position, value));
        } catch (SpdmDecodeException expected) {
            assertTrue(expected.getMessage().startsWith("TDI report"), expected.getMessage());
        }
    }

    @Provide
    Arbitrary<TdiReport> reports() {
        return TdispArbitraries.reports();
    }
}
