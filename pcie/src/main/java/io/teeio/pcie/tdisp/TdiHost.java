package io.teeio.pcie.tdisp;

import io.teeio.spdm.codec.Bytes;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the device model tells a TDI about its function: read at LOCK_INTERFACE_REQUEST to check the
 * configuration and build the TDI report.
 */
public interface TdiHost {
    /** The function's MMIO ranges in ascending BAR order. */
    List<TdiMmioResource> mmioResources();

    /**
     * The IDE port whose default stream must carry this TDI's traffic; empty when the TDI needs no IDE
     * (e.g. an integrated device behind no link).
     */
    OptionalInt idePortIndex();

    /** INTERFACE_INFO bits 1-4 (DMA without/with PASID, ATS, PRS); bit 0 comes from the LOCK flags. */
    default int interfaceInfo() {
        return TdiReport.DMA_WITHOUT_PASID;
    }

    /** MSI-X Message Control register (0 if the function has no MSI-X). */
    default int msixMessageControl() {
        return 0;
    }

    default int lnrControl() {
        return 0;
    }

    default int tphControl() {
        return 0;
    }

    default Bytes deviceSpecificInfo() {
        return Bytes.EMPTY;
    }

    /**
     * A reason the current configuration cannot be locked (phantom functions enabled, overlapping BARs, ...);
     * LOCK then fails with INVALID_DEVICE_CONFIGURATION.
     */
    default Optional<String> configurationProblem() {
        return Optional.empty();
    }
}
