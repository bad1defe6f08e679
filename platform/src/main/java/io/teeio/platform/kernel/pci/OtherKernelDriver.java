package io.teeio.platform.kernel.pci;

import io.teeio.platform.kernel.Bdf;
import io.teeio.platform.kernel.Errno;
import io.teeio.platform.kernel.KernelException;
import io.teeio.platform.kernel.MmioLocation;
import java.util.ArrayList;
import java.util.List;

/**
 * A kernel driver that is not bound to the function but wants its MMIO: it claims the BAR range with
 * request_mem_region() and, if that succeeds, ioremaps and accesses it. A well-behaved driver takes "busy" as no.
 */
public final class OtherKernelDriver {
    private final PciCore pci;
    private final String name;
    private final List<ResourceClaim> held = new ArrayList<>();

    public OtherKernelDriver(PciCore pci, String name) {
        this.pci = pci;
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** request_mem_region() over a whole BAR; EBUSY naming the holder if anyone has any of it. */
    public ResourceClaim requestMemRegion(Bdf bdf, int barIndex) {
        BarInfo bar = barOf(bdf, barIndex);
        for (ResourceClaim c : held) {
            if (c.start() == bar.address()) {
                return c;
            }
        }
        try {
            ResourceClaim c = pci.resources().request(bar.address(), bar.size(), name, false, "request_mem_region");
            held.add(c);
            pci.trace().transition(name, "pci " + bdf, "request_mem_region", "BAR" + barIndex, "free", c);
            return c;
        } catch (KernelException e) {
            throw pci.trace().fail(name, e);
        }
    }

    /** Claims the BAR if it does not hold it yet, then reads through ioremap. */
    public HostAccess mmioRead(Bdf bdf, int barIndex, long offset, int width) {
        return access(bdf, barIndex, offset, width, false, 0);
    }

    public HostAccess mmioWrite(Bdf bdf, int barIndex, long offset, int width, long value) {
        return access(bdf, barIndex, offset, width, true, value);
    }

    private HostAccess access(Bdf bdf, int barIndex, long offset, int width, boolean write, long value) {
        BarInfo bar = barOf(bdf, barIndex);
        String target = bdf + " BAR" + barIndex + "+0x" + Long.toHexString(offset);
        try {
            requestMemRegion(bdf, barIndex);
        } catch (KernelException e) {
            return pci.refuse(HostAccessPath.KERNEL_DRIVER, name, target, e.getMessage());
        }
        return pci.hostMmio(HostAccessPath.KERNEL_DRIVER, name,
                new MmioLocation(bdf, barIndex, offset, bar.address() + offset), width, write, value);
    }

    /** release_mem_region() of everything it holds. */
    public void releaseAll() {
        for (ResourceClaim c : held) {
            pci.resources().release(c);
            pci.trace().transition(name, "release_mem_region", c.toString(), c, "free");
        }
        held.clear();
    }

    public List<ResourceClaim> held() {
        return List.copyOf(held);
    }

    private BarInfo barOf(Bdf bdf, int barIndex) {
        return pci.device(bdf).bar(barIndex).orElseThrow(() -> new KernelException(Errno.EINVAL, "request_mem_region",
                bdf + " has no BAR" + barIndex));
    }
}
