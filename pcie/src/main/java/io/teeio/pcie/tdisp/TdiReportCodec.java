package io.teeio.pcie.tdisp;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.ByteWriter;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;
import java.util.ArrayList;
import java.util.List;

/** The TDI report to and from bytes (what the DEVICE_INTERFACE_REPORT portions add up to). */
public final class TdiReportCodec {
    private TdiReportCodec() {
    }

    public static byte[] encode(TdiReport report) {
        ByteWriter w = new ByteWriter();
        w.u16(report.interfaceInfo()).u16(0).u16(report.msixMessageControl()).u16(report.lnrControl())
                .u32(report.tphControl()).u32(report.mmioRanges().size());
        for (MmioRange range : report.mmioRanges()) {
            writeRange(w, range);
        }
        w.u32(report.deviceSpecificInfo().length()).bytes(report.deviceSpecificInfo());
        return w.toByteArray();
    }

    public static TdiReport decode(byte[] bytes) throws SpdmDecodeException {
        ByteReader r = new ByteReader(bytes, "TDI report");
        int info = r.u16("INTERFACE_INFO");
        if (r.u16("Reserved") != 0) {
            throw new SpdmDecodeException("TDI report: reserved bytes 2-3 are not zero");
        }
        int msix = r.u16("MSI_X_MESSAGE_CONTROL");
        int lnr = r.u16("LNR_CONTROL");
        int tph = r.u32("TPH_CONTROL");
        long count = r.u32("MMIO_RANGE_COUNT") & 0xFFFFFFFFL;
        if (count * 16 > r.remaining()) {
            throw new SpdmDecodeException("TDI report: MMIO_RANGE_COUNT " + count + " needs " + count * 16
                    + " bytes, " + r.remaining() + " left");
        }
        List<MmioRange> ranges = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            ranges.add(readRange(r));
        }
        long infoLen = r.u32("DEVICE_SPECIFIC_INFO_LEN") & 0xFFFFFFFFL;
        if (infoLen != r.remaining()) {
            throw new SpdmDecodeException("TDI report: DEVICE_SPECIFIC_INFO_LEN " + infoLen + " but "
                    + r.remaining() + " bytes follow");
        }
        Bytes deviceInfo = r.rest();
        return new TdiReport(info, msix, lnr, tph, ranges, deviceInfo);
    }

    static void writeRange(ByteWriter w, MmioRange range) {
        w.u32((int) range.firstPage()).u32((int) (range.firstPage() >>> 32)).u32((int) range.numberOfPages())
                .u16(range.attributes()).u16(range.rangeId());
    }

    static MmioRange readRange(ByteReader r) throws SpdmDecodeException {
        long lo = r.u32("FIRST_PAGE") & 0xFFFFFFFFL;
        long hi = r.u32("FIRST_PAGE") & 0xFFFFFFFFL;
        long pages = r.u32("NUMBER_OF_PAGES") & 0xFFFFFFFFL;
        int attributes = r.u16("RANGE_ATTRIBUTES");
        int rangeId = r.u16("RANGE_ID");
        return new MmioRange(hi << 32 | lo, pages, attributes, rangeId);
    }
}
