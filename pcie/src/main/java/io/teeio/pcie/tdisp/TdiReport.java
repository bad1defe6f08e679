package io.teeio.pcie.tdisp;

import io.teeio.spdm.codec.Bytes;
import java.util.List;
import java.util.Objects;

/**
 * The DEVICE_INTERFACE_REPORT structure (the TDI report, PCIe11 Table 11-15): what the TSM and the CVM check
 * before accepting the TDI.
 *
 * @param interfaceInfo      INTERFACE_INFO bits (NO_FW_UPDATE, DMA without/with PASID, ATS, PRS)
 * @param msixMessageControl MSI-X Message Control (0 unless MSI-X is present and locked)
 * @param lnrControl         LN Requester control (0 if unsupported)
 * @param tphControl         TPH Requester control (0 if unsupported or MSI-X not locked)
 */
public record TdiReport(int interfaceInfo, int msixMessageControl, int lnrControl, int tphControl,
        List<MmioRange> mmioRanges, Bytes deviceSpecificInfo) {
    public static final int NO_FW_UPDATE = 0x0001;
    public static final int DMA_WITHOUT_PASID = 0x0002;
    public static final int DMA_WITH_PASID = 0x0004;
    public static final int ATS_ENABLED = 0x0008;
    public static final int PRS_ENABLED = 0x0010;

    public TdiReport {
        if (interfaceInfo < 0 || interfaceInfo > 0xFFFF) {
            throw new IllegalArgumentException("INTERFACE_INFO out of 16 bits: " + interfaceInfo);
        }
        if (msixMessageControl < 0 || msixMessageControl > 0xFFFF) {
            throw new IllegalArgumentException("MSI_X_MESSAGE_CONTROL out of 16 bits: " + msixMessageControl);
        }
        if (lnrControl < 0 || lnrControl > 0xFFFF) {
            throw new IllegalArgumentException("LNR_CONTROL out of 16 bits: " + lnrControl);
        }
        mmioRanges = List.copyOf(mmioRanges);
        Objects.requireNonNull(deviceSpecificInfo, "deviceSpecificInfo");
    }

    public int encodedLength() {
        return 20 + 16 * mmioRanges.size() + deviceSpecificInfo.length();
    }
}
