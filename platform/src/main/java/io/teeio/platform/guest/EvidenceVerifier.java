package io.teeio.platform.guest;

import io.teeio.pcie.tdisp.MmioRange;
import io.teeio.pcie.tdisp.TdiReport;
import io.teeio.spdm.cert.ChainVerificationException;
import io.teeio.spdm.cert.ChainVerifier;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;
import io.teeio.spdm.message.DmtfMeasurement;
import io.teeio.spdm.message.MeasurementBlock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks a TDI's evidence against the CVM's policy; collects every reason to refuse, not just the first. */
public final class EvidenceVerifier {
    private EvidenceVerifier() {
    }

    public static Verdict verify(GuestPolicy policy, Evidence e, Instant now) {
        List<String> reasons = new ArrayList<>();
        try {
            new ChainVerifier(policy.trustAnchors()).verify(e.chain().certificates(), now);
        } catch (ChainVerificationException ex) {
            reasons.add("certificate chain: " + ex.getMessage());
        }
        checkMeasurements(policy, e.measurements(), reasons);
        checkReport(policy, e.report(), reasons);
        return Verdict.of(reasons);
    }

    private static void checkMeasurements(GuestPolicy policy, List<MeasurementBlock> blocks, List<String> reasons) {
        Map<Integer, Bytes> values = new HashMap<>();
        for (MeasurementBlock b : blocks) {
            try {
                values.put(b.index(), b.dmtf().value());
            } catch (SpdmDecodeException ex) {
                reasons.add("measurement " + b.index() + ": " + ex.getMessage());
            }
        }
        for (var ref : policy.referenceMeasurements().entrySet()) {
            Bytes got = values.get(ref.getKey());
            if (got == null) {
                reasons.add("measurement " + ref.getKey() + " is missing");
            } else if (!got.equals(ref.getValue())) {
                reasons.add("measurement " + ref.getKey() + " is " + abbreviate(got) + ", the reference value is "
                        + abbreviate(ref.getValue()));
            }
        }
    }

    private static String abbreviate(Bytes b) {
        String h = b.toHex();
        return h.length() > 16 ? h.substring(0, 16) + "..." : h;
    }

    private static void checkReport(GuestPolicy policy, TdiReport report, List<String> reasons) {
        if ((report.interfaceInfo() & policy.requiredInterfaceInfo()) != policy.requiredInterfaceInfo()) {
            reasons.add(String.format("interface report: INTERFACE_INFO 0x%x lacks required bits 0x%x",
                    report.interfaceInfo(), policy.requiredInterfaceInfo()));
        }
        List<MmioRange> ranges = report.mmioRanges();
        List<ExpectedMmioRange> expected = policy.mmioRanges();
        if (ranges.size() != expected.size()) {
            reasons.add("interface report: " + ranges.size() + " MMIO range(s), the policy expects " + expected.size());
            return;
        }
        for (int i = 0; i < ranges.size(); i++) {
            MmioRange r = ranges.get(i);
            ExpectedMmioRange x = expected.get(i);
            if (r.rangeId() != x.rangeId() || r.numberOfPages() != x.pages()) {
                reasons.add(String.format("interface report: MMIO range %d is RANGE_ID %d with %d pages, the policy "
                        + "expects RANGE_ID %d with %d pages", i, r.rangeId(), r.numberOfPages(), x.rangeId(),
                        x.pages()));
            }
            boolean nonTee = (r.attributes() & MmioRange.IS_NON_TEE_MEM) != 0;
            if (nonTee != x.nonTeeMemory()) {
                reasons.add("interface report: MMIO range " + i + (nonTee ? " is" : " is not")
                        + " marked IS_NON_TEE_MEM, unlike the policy");
            }
        }
    }

    /** The reference values of a set of measurement blocks (what a demo writes out as its default policy). */
    public static Map<Integer, Bytes> referenceValues(List<MeasurementBlock> blocks) throws SpdmDecodeException {
        Map<Integer, Bytes> out = new HashMap<>();
        for (MeasurementBlock b : blocks) {
            DmtfMeasurement m = b.dmtf();
            out.put(b.index(), m.value());
        }
        return out;
    }
}
