package io.teeio.platform.kernel;

import java.util.Optional;

/**
 * A dma-buf as an importer (KVM) sees it: vfio-pci exports a BAR range, KVM maps it into a guest. The
 * exporter revokes it (reset, MSE clear, D3, close) and tells importers through
 * {@link DmaBufImporter#moveNotify}; a revoked buffer resolves to ENODEV.
 */
public interface DmaBuf {
    String name();

    /** The exporting PCI function. */
    Bdf exporter();

    long size();

    /** The VM the exporting VFIO device is associated with (KVM_DEV_VFIO_FILE_ADD), if any. */
    Optional<VmId> kvm();

    boolean isRevoked();

    /** get_pfn: the MMIO behind {@code offset}; ENODEV once revoked, EINVAL outside the buffer. */
    MmioLocation resolve(long offset);

    /** Whether {@code vm} may map it as private MMIO now: the exporter's TDI is bound to that VM and RUN. */
    Verdict privateMapping(VmId vm);

    /** The exporter's TDI state, or empty when it has no TDI bound. */
    Optional<TdispState> tdiState();

    void attach(DmaBufImporter importer);

    void detach(DmaBufImporter importer);

    /** Importer reference (get_dma_buf / dma_buf_put). */
    void get();

    void put();
}
