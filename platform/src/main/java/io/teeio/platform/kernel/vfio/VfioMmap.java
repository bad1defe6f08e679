package io.teeio.platform.kernel.vfio;

import io.teeio.platform.kernel.MmioLocation;
import io.teeio.platform.kernel.Verdict;
import io.teeio.platform.kernel.pci.BarInfo;
import io.teeio.platform.kernel.pci.HostAccess;
import io.teeio.platform.kernel.pci.HostAccessPath;

/**
 * A user mmap of a BAR through the VFIO device fd. VFIO zaps it (and faults fail with SIGBUS) while memory is
 * disabled, while the TDI is bound, and for good once the device is closed; otherwise a fault maps it again.
 */
public final class VfioMmap {
    private final VfioPciCoreDevice dev;
    private final BarInfo bar;
    private final long offset;
    private final long length;
    private boolean unmapped;

    VfioMmap(VfioPciCoreDevice dev, BarInfo bar, long offset, long length) {
        this.dev = dev;
        this.bar = bar;
        this.offset = offset;
        this.length = length;
    }

    public int bar() {
        return bar.index();
    }

    public long offset() {
        return offset;
    }

    public long length() {
        return length;
    }

    public boolean isUnmapped() {
        return unmapped;
    }

    public HostAccess read(long at, int width) {
        return access(at, width, false, 0);
    }

    public HostAccess write(long at, int width, long value) {
        return access(at, width, true, value);
    }

    private HostAccess access(long at, int width, boolean write, long value) {
        long barOffset = offset + at;
        MmioLocation loc = new MmioLocation(dev.pdev().bdf(), bar.index(), barOffset, bar.address() + barOffset);
        String actor = dev.actor() + " user mmap";
        if (unmapped) {
            return dev.pci().refuse(HostAccessPath.VFIO_USER_MMAP, actor, loc.toString(), "SIGSEGV: munmapped");
        }
        if (at < 0 || at + width > length) {
            return dev.pci().refuse(HostAccessPath.VFIO_USER_MMAP, actor, loc.toString(), "SIGBUS: outside the mapping");
        }
        Verdict v = dev.userMmioAllowed();
        if (!v.allowed()) {
            return dev.pci().refuse(HostAccessPath.VFIO_USER_MMAP, actor, loc.toString(), "SIGBUS: " + v.reason());
        }
        return dev.pci().hostMmio(HostAccessPath.VFIO_USER_MMAP, actor, loc, width, write, value);
    }

    public void munmap() {
        if (!unmapped) {
            unmapped = true;
            dev.mmapGone(this);
        }
    }

    void invalidate() {
        unmapped = true;
    }
}
