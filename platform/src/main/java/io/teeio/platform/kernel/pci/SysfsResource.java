package io.teeio.platform.kernel.pci;

import io.teeio.platform.kernel.Bdf;
import io.teeio.platform.kernel.Errno;
import io.teeio.platform.kernel.KernelException;

/** /sys/bus/pci/devices/BDF/resourceN: mmap of a whole BAR, refused (EINVAL) when the BAR is claimed exclusively. */
public final class SysfsResource {
    private final PciCore pci;

    public SysfsResource(PciCore pci) {
        this.pci = pci;
    }

    public static String path(Bdf bdf, int bar) {
        return "/sys/bus/pci/devices/" + bdf + "/resource" + bar;
    }

    public IomemMapping mmap(Bdf bdf, int barIndex) {
        String call = "mmap " + path(bdf, barIndex);
        BarInfo bar = pci.device(bdf).bar(barIndex)
                .orElseThrow(() -> new KernelException(Errno.ENOENT, call, "no such file"));
        if (pci.resources().isExclusive(bar.address())) {
            throw pci.trace().fail(path(bdf, barIndex), Errno.EINVAL, call,
                    "BAR claimed exclusively by " + pci.resources().claimAt(bar.address()).orElseThrow().owner());
        }
        return pci.map(HostAccessPath.SYSFS_RESOURCE, path(bdf, barIndex), bar.address(), bar.size());
    }

    /** mmap, one access, munmap. */
    public HostAccess read(Bdf bdf, int barIndex, long offset, int width) {
        IomemMapping m;
        try {
            m = mmap(bdf, barIndex);
        } catch (KernelException e) {
            return HostAccess.refused(HostAccessPath.SYSFS_RESOURCE, path(bdf, barIndex),
                    bdf + " BAR" + barIndex + "+0x" + Long.toHexString(offset), e.getMessage());
        }
        try {
            return m.read(offset, width);
        } finally {
            m.munmap();
        }
    }
}
