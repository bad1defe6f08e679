package io.teeio.platform.kernel.vfio;

import io.teeio.platform.kernel.Bdf;
import io.teeio.platform.kernel.DmaBuf;
import io.teeio.platform.kernel.DmaBufImporter;
import io.teeio.platform.kernel.Errno;
import io.teeio.platform.kernel.KernelException;
import io.teeio.platform.kernel.KernelFile;
import io.teeio.platform.kernel.MmioLocation;
import io.teeio.platform.kernel.TdispState;
import io.teeio.platform.kernel.Verdict;
import io.teeio.platform.kernel.VmId;
import io.teeio.platform.kernel.pci.BarInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A dma-buf exporting BAR ranges (VFIO_DEVICE_FEATURE_DMA_BUF, Linux 6.19). Revoked while memory is disabled
 * (MSE clear, D3, reset) and restored after; revoked for good at close. Importers hear of it via move_notify.
 */
public final class VfioDmaBuf extends KernelFile implements DmaBuf {
    private final VfioPciCoreDevice dev;
    private final BarInfo bar;
    private final List<VfioDmaRange> ranges;
    private final long size;
    private final List<DmaBufImporter> importers = new ArrayList<>();
    private boolean revoked;
    private boolean permanent;

    VfioDmaBuf(String name, VfioPciCoreDevice dev, BarInfo bar, List<VfioDmaRange> ranges, boolean revoked) {
        super(name);
        this.dev = dev;
        this.bar = bar;
        this.ranges = List.copyOf(ranges);
        this.size = ranges.stream().mapToLong(VfioDmaRange::length).sum();
        this.revoked = revoked;
    }

    @Override
    public Bdf exporter() {
        return dev.pdev().bdf();
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public Optional<VmId> kvm() {
        return dev.kvm().map(k -> k.id());
    }

    @Override
    public boolean isRevoked() {
        return revoked;
    }

    public boolean isPermanentlyRevoked() {
        return permanent;
    }

    @Override
    public MmioLocation resolve(long offset) {
        if (revoked) {
            throw new KernelException(Errno.ENODEV, "dma_buf get_pfn", name() + " is revoked");
        }
        long at = offset;
        for (VfioDmaRange r : ranges) {
            if (at < r.length()) {
                long barOffset = r.offset() + at;
                return new MmioLocation(exporter(), bar.index(), barOffset, bar.address() + barOffset);
            }
            at -= r.length();
        }
        throw new KernelException(Errno.EINVAL, "dma_buf get_pfn", "offset 0x" + Long.toHexString(offset)
                + " beyond " + name());
    }

    @Override
    public Verdict privateMapping(VmId vm) {
        return dev.privateMmioAllowed(vm);
    }

    @Override
    public Optional<TdispState> tdiState() {
        return dev.tdiState();
    }

    @Override
    public void attach(DmaBufImporter importer) {
        importers.add(importer);
    }

    @Override
    public void detach(DmaBufImporter importer) {
        importers.remove(importer);
    }

    /** Revoke: every importer mapping goes. Permanent at close. */
    void revoke(boolean forGood, String why) {
        boolean was = revoked;
        revoked = true;
        permanent |= forGood;
        if (!was || forGood) {
            dev.trace().transition(dev.actor(), name(), "dma-buf revoke", why, was ? "revoked" : "live",
                    permanent ? "revoked for good" : "revoked");
        }
        notifyImporters(false);
    }

    /** Memory enabled again: importers may map it again (not after close). */
    void restore(String why) {
        if (revoked && !permanent) {
            revoked = false;
            dev.trace().transition(dev.actor(), name(), "dma-buf restore", why, "revoked", "live");
        }
    }

    /** TSM unbind: the private (TEE) mappings go, the buffer stays usable as shared MMIO. */
    void unmapPrivate(String why) {
        dev.trace().event(dev.actor(), name(), "dma-buf private unmap", why);
        notifyImporters(true);
    }

    private void notifyImporters(boolean privateOnly) {
        for (DmaBufImporter i : List.copyOf(importers)) {
            i.moveNotify(this, privateOnly);
        }
    }

    int importerCount() {
        return importers.size();
    }

    @Override
    protected void release() {
        dev.dmaBufGone(this);
    }
}
