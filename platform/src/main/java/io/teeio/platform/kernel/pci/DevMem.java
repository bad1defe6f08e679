package io.teeio.platform.kernel.pci;

import io.teeio.platform.kernel.Errno;
import io.teeio.platform.kernel.KernelException;

/**
 * /dev/mem under CONFIG_STRICT_DEVMEM without IO_STRICT_DEVMEM: MMIO outside RAM is reachable unless a driver
 * claimed the range exclusively (iomem_is_exclusive), and an exclusive claim revokes existing mappings.
 */
public final class DevMem {
    public static final String ACTOR = "/dev/mem";
    private final PciCore pci;

    public DevMem(PciCore pci) {
        this.pci = pci;
    }

    /** mmap(/dev/mem): EPERM if any page of the range is exclusive. */
    public IomemMapping mmap(long physAddr, long size) {
        String why = exclusiveIn(physAddr, size);
        if (why != null) {
            throw pci.trace().fail(ACTOR, Errno.EPERM, "mmap /dev/mem", why);
        }
        return pci.map(HostAccessPath.DEV_MEM, ACTOR, physAddr, size);
    }

    /** pread(/dev/mem). */
    public HostAccess read(long physAddr, int width) {
        return access(physAddr, width, false, 0);
    }

    /** pwrite(/dev/mem). */
    public HostAccess write(long physAddr, int width, long value) {
        return access(physAddr, width, true, value);
    }

    private HostAccess access(long physAddr, int width, boolean write, long value) {
        String why = exclusiveIn(physAddr, width);
        if (why != null) {
            return pci.refuse(HostAccessPath.DEV_MEM, ACTOR, String.format("0x%x", physAddr),
                    new KernelException(Errno.EPERM, write ? "write /dev/mem" : "read /dev/mem", why).getMessage());
        }
        return pci.hostMmio(HostAccessPath.DEV_MEM, ACTOR, physAddr, width, write, value);
    }

    private String exclusiveIn(long start, long size) {
        for (ResourceClaim c : pci.resources().claims()) {
            if (c.exclusive() && c.overlaps(start, start + size - 1)) {
                return "range claimed exclusively by " + c.owner();
            }
        }
        return null;
    }
}
