package io.teeio.platform.kernel.pci;

import io.teeio.platform.kernel.Bdf;
import io.teeio.platform.kernel.Errno;
import io.teeio.platform.kernel.KernelException;
import io.teeio.platform.kernel.KernelTrace;
import io.teeio.platform.kernel.MmioLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The PCI core: enumerated functions, the driver model (bind/unbind), BAR resources in the iomem tree, and host
 * MMIO dispatch for the access paths outside the TDI's owner.
 */
public final class PciCore {
    private final KernelTrace trace;
    private final TreeMap<Bdf, PciDev> devices = new TreeMap<>();
    private final Map<String, PciDriver> drivers = new LinkedHashMap<>();
    private final IomemResources resources = new IomemResources();

    public PciCore(KernelTrace trace) {
        this.trace = trace;
    }

    public KernelTrace trace() {
        return trace;
    }

    public IomemResources resources() {
        return resources;
    }

    /** Enumerates a function (bus scan). BARs must not overlap those of functions already present. */
    public PciDev add(PciFunctionHw hw) {
        Bdf bdf = hw.bdf();
        if (devices.containsKey(bdf)) {
            throw new IllegalArgumentException(bdf + " already enumerated");
        }
        for (BarInfo bar : hw.bars()) {
            for (PciDev other : devices.values()) {
                for (BarInfo ob : other.bars()) {
                    if (bar.address() <= ob.end() && bar.end() >= ob.address()) {
                        throw new IllegalArgumentException(bdf + " BAR" + bar.index() + " overlaps " + other + " BAR"
                                + ob.index());
                    }
                }
            }
        }
        PciDev pdev = new PciDev(hw, trace);
        devices.put(bdf, pdev);
        trace.event(pdev.actor(), "pci_device_add", String.format("%04x:%04x%s", hw.vendorId(), hw.deviceId(),
                hw.isVirtualFunction() ? " VF of " + hw.physicalFunction().map(Bdf::toString).orElse("?") : ""));
        return pdev;
    }

    public PciDev device(Bdf bdf) {
        PciDev pdev = devices.get(bdf);
        if (pdev == null) {
            throw new KernelException(Errno.ENODEV, "pci_get_domain_bus_and_slot", "no function at " + bdf);
        }
        return pdev;
    }

    public Optional<PciDev> find(Bdf bdf) {
        return Optional.ofNullable(devices.get(bdf));
    }

    /** All functions in address order. */
    public List<PciDev> devices() {
        return List.copyOf(devices.values());
    }

    /** The PFs and VFs of the slot {@code dsm} heads, except {@code dsm}: what a DSM's connect covers. */
    public List<PciDev> dependentFunctions(PciDev dsm) {
        List<PciDev> out = new ArrayList<>();
        for (PciDev pf : devices.values()) {
            if (pf.isVirtfn() || !pf.bdf().sameSlot(dsm.bdf())) {
                continue;
            }
            if (pf != dsm) {
                out.add(pf);
            }
            for (PciDev vf : devices.values()) {
                if (vf.isVirtfn() && vf.physfn().filter(pf.bdf()::equals).isPresent()) {
                    out.add(vf);
                }
            }
        }
        return out;
    }

    // ---- driver model ----------------------------------------------------------------------------------------

    public void registerDriver(PciDriver driver) {
        if (drivers.putIfAbsent(driver.name(), driver) != null) {
            throw new IllegalArgumentException("driver " + driver.name() + " already registered");
        }
    }

    /** The driver bound to the function, if any. */
    public Optional<PciDriver> driverOf(PciDev pdev) {
        return Optional.ofNullable(drivers.get(pdev.driverName()));
    }

    /** echo BDF > /sys/bus/pci/drivers/NAME/bind (with driver_override set). */
    public void bindDriver(Bdf bdf, String driverName) {
        String call = "/sys/bus/pci/drivers/" + driverName + "/bind";
        PciDriver driver = drivers.get(driverName);
        if (driver == null) {
            throw trace.fail("pci " + bdf, Errno.ENOENT, call, "no driver " + driverName);
        }
        PciDev pdev = devices.get(bdf);
        if (pdev == null) {
            throw trace.fail("pci " + bdf, Errno.ENODEV, call, "no function at " + bdf);
        }
        if (!pdev.driverName().isEmpty()) {
            throw trace.fail(pdev.actor(), Errno.EBUSY, call, bdf + " already bound to " + pdev.driverName());
        }
        try {
            driver.probe(pdev);
        } catch (KernelException e) {
            throw trace.fail(pdev.actor(), e.as(call));
        }
        pdev.setDriver(driverName);
        trace.transition(pdev.actor(), "driver bind", driverName, "no driver", driverName);
    }

    /** echo BDF > /sys/bus/pci/devices/BDF/driver/unbind. */
    public void unbindDriver(Bdf bdf) {
        PciDev pdev = device(bdf);
        String call = "/sys/bus/pci/devices/" + bdf + "/driver/unbind";
        if (pdev.driverName().isEmpty()) {
            throw trace.fail(pdev.actor(), Errno.ENODEV, call, bdf + " has no driver");
        }
        PciDriver driver = drivers.get(pdev.driverName());
        try {
            driver.remove(pdev);
        } catch (KernelException e) {
            throw trace.fail(pdev.actor(), e.as(call));
        }
        String before = pdev.driverName();
        pdev.setDriver("");
        trace.transition(pdev.actor(), "driver unbind", before, before, "no driver");
    }

    // ---- regions -----------------------------------------------------------------------------------------------

    /** pci_request_region() for one BAR. */
    public ResourceClaim requestRegion(PciDev pdev, int barIndex, String owner) {
        BarInfo bar = pdev.bar(barIndex).orElseThrow(() -> new KernelException(Errno.EINVAL, "pci_request_region",
                pdev + " has no BAR" + barIndex));
        ResourceClaim claim = resources.request(bar.address(), bar.size(), owner, false, "pci_request_region");
        trace.transition(pdev.actor(), "pci_request_region", "BAR" + barIndex, "free", claim);
        return claim;
    }

    /** pci_request_regions(): every BAR, all or none. */
    public List<ResourceClaim> requestRegions(PciDev pdev, String owner) {
        return requestAll(pdev, owner, false, "pci_request_regions");
    }

    /** pci_request_regions_exclusive(): every BAR, all or none, also closing /dev/mem and sysfs resource access. */
    public List<ResourceClaim> requestRegionsExclusive(PciDev pdev, String owner) {
        return requestAll(pdev, owner, true, "pci_request_regions_exclusive");
    }

    private List<ResourceClaim> requestAll(PciDev pdev, String owner, boolean exclusive, String call) {
        List<ResourceClaim> got = new ArrayList<>();
        try {
            for (BarInfo bar : pdev.bars()) {
                got.add(resources.request(bar.address(), bar.size(), owner, exclusive, call));
            }
        } catch (KernelException e) {
            got.forEach(resources::release);
            throw trace.fail(pdev.actor(), e);
        }
        trace.transition(pdev.actor(), call, owner, "free", owner + (exclusive ? " (exclusive)" : ""));
        return got;
    }

    /** pci_release_regions(): the BAR claims {@code owner} holds on this function. */
    public void releaseRegions(PciDev pdev, String owner) {
        List<ResourceClaim> mine = claimsOf(pdev).stream().filter(c -> c.owner().equals(owner)).toList();
        mine.forEach(resources::release);
        if (!mine.isEmpty()) {
            trace.transition(pdev.actor(), "pci_release_regions", owner, owner, "free");
        }
    }

    /** Busy claims overlapping this function's BARs. */
    public List<ResourceClaim> claimsOf(PciDev pdev) {
        return resources.claims().stream()
                .filter(c -> pdev.bars().stream().anyMatch(b -> c.overlaps(b.address(), b.end())))
                .toList();
    }

    // ---- host MMIO ---------------------------------------------------------------------------------------------

    /** Which function's BAR a host physical address falls in. */
    public Optional<MmioLocation> locate(long physAddr) {
        for (PciDev pdev : devices.values()) {
            for (BarInfo bar : pdev.bars()) {
                if (bar.contains(physAddr)) {
                    return Optional.of(new MmioLocation(pdev.bdf(), bar.index(), physAddr - bar.address(), physAddr));
                }
            }
        }
        return Optional.empty();
    }

    /** A host access that the kernel let through: sent to the function as a non-TEE request. */
    HostAccess hostMmio(HostAccessPath path, String actor, long physAddr, int width, boolean write, long value) {
        Optional<MmioLocation> loc = locate(physAddr);
        if (loc.isEmpty()) {
            return refuse(path, actor, String.format("0x%x", physAddr), "no device decodes this address");
        }
        return hostMmio(path, actor, loc.get(), width, write, value);
    }

    /** Sends a host (non-TEE) MMIO request to the function and traces what happened. */
    public HostAccess hostMmio(HostAccessPath path, String actor, MmioLocation loc, int width, boolean write,
            long value) {
        PciFunctionHw hw = device(loc.bdf()).hw();
        MmioOutcome outcome = write ? hw.hostMmioWrite(loc.bar(), loc.barOffset(), width, value)
                : hw.hostMmioRead(loc.bar(), loc.barOffset(), width);
        trace.event(actor, "pci " + loc.bdf(), write ? "MMIO write" : "MMIO read",
                path + " reached " + loc + ": " + outcome.status());
        return HostAccess.reached(path, actor, loc.toString(), outcome);
    }

    public HostAccess refuse(HostAccessPath path, String actor, String target, String reason) {
        trace.event(actor, "MMIO access refused", path + " to " + target + ": " + reason);
        return HostAccess.refused(path, actor, target, reason);
    }

    IomemMapping map(HostAccessPath path, String actor, long start, long size) {
        IomemMapping m = new IomemMapping(this, path, actor, start, size);
        resources.register(m);
        trace.event(actor, "mmap", String.format("%s [0x%x-0x%x]", path, start, start + size - 1));
        return m;
    }

    // ---- snapshot -----------------------------------------------------------------------------------------------

    public PciSnapshot snapshot() {
        List<PciSnapshot.Function> fns = devices.values().stream()
                .map(d -> new PciSnapshot.Function(d.bdf(), d.driverName())).toList();
        List<PciSnapshot.UserMapping> maps = resources.mappings().stream()
                .map(m -> new PciSnapshot.UserMapping(m.path(), m.actor(), m.start(), m.size(), m.isRevoked()))
                .toList();
        return new PciSnapshot(fns, resources.claims(), maps);
    }
}
