package io.teeio.platform.kernel.iommufd;

import io.teeio.platform.kernel.Bdf;
import io.teeio.platform.kernel.DmaOutcome;
import io.teeio.platform.kernel.DmaRequest;
import io.teeio.platform.kernel.IommuDma;
import io.teeio.platform.kernel.KernelTrace;
import io.teeio.platform.kernel.TdispState;
import io.teeio.platform.kernel.kvm.KvmVm;
import io.teeio.platform.kernel.pci.PciDev;
import io.teeio.platform.kernel.pcitsm.PciTsmCore;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The IOMMU as devices see it. T=0 DMA is translated through the device's attached HWPT/IOAS (never reaching
 * private memory). T=1 DMA goes through the trusted tables set up at TSM bind: allowed only for a bound TDI in
 * RUN, into its VM's memory.
 */
public final class Iommu implements IommuDma {
    public static final String ACTOR = "iommu";
    private final PciTsmCore pciTsm;
    private final KernelTrace trace;
    private final TreeMap<Bdf, IommufdDevice> devices = new TreeMap<>();
    private final TreeMap<Bdf, KvmVm> trusted = new TreeMap<>();

    Iommu(PciTsmCore pciTsm, KernelTrace trace) {
        this.pciTsm = pciTsm;
        this.trace = trace;
    }

    Optional<IommufdDevice> boundDevice(Bdf bdf) {
        return Optional.ofNullable(devices.get(bdf));
    }

    void register(IommufdDevice idev) {
        devices.put(idev.pdev().bdf(), idev);
    }

    void unregister(IommufdDevice idev) {
        devices.remove(idev.pdev().bdf(), idev);
    }

    void enableTrustedDma(PciDev pdev, KvmVm vm) {
        trusted.put(pdev.bdf(), vm);
        trace.transition(ACTOR, pdev.actor(), "enable trusted DMA", vm.id().toString(), "off", "on");
    }

    void disableTrustedDma(PciDev pdev) {
        if (trusted.remove(pdev.bdf()) != null) {
            trace.transition(ACTOR, pdev.actor(), "disable trusted DMA", "", "on", "off");
        }
    }

    /** Functions with trusted DMA on, and the VM each is bound to. */
    public List<String> trustedDma() {
        return trusted.entrySet().stream().map(e -> e.getKey() + "->" + e.getValue().id()).toList();
    }

    @Override
    public DmaOutcome dma(DmaRequest r) {
        DmaOutcome out = r.tee() ? teeDma(r) : untrustedDma(r);
        trace.event(ACTOR, "pci " + r.requester(), "DMA " + (r.write() ? "write" : "read"), String.format(
                "T=%d 0x%x+0x%x: %s", r.tee() ? 1 : 0, r.address(), r.length(),
                out.allowed() ? "to " + out.target() + " (" + out.reason() + ")" : "blocked: " + out.reason()));
        return out;
    }

    private DmaOutcome untrustedDma(DmaRequest r) {
        IommufdDevice idev = devices.get(r.requester());
        if (idev == null || idev.hwpt().isEmpty()) {
            return DmaOutcome.blocked(r.requester() + " is not attached to an IOMMU domain");
        }
        Optional<Ioas.Area> area = idev.hwpt().get().ioas().translate(r.address(), r.length());
        if (area.isEmpty()) {
            return DmaOutcome.blocked(String.format("IOMMU fault: iova 0x%x not mapped", r.address()));
        }
        Ioas.Area a = area.get();
        if (r.write() ? !a.writeable() : !a.readable()) {
            return DmaOutcome.blocked("IOMMU fault: mapping is not " + (r.write() ? "writeable" : "readable"));
        }
        return DmaOutcome.allowed(DmaOutcome.Target.IOAS_MAPPING,
                String.format("user_va 0x%x", a.userVa() + (r.address() - a.iova())));
    }

    private DmaOutcome teeDma(DmaRequest r) {
        KvmVm vm = trusted.get(r.requester());
        if (vm == null) {
            return DmaOutcome.blocked("trusted DMA is not enabled for " + r.requester() + " (no TDI bound)");
        }
        PciDev pdev = devices.get(r.requester()).pdev();
        Optional<TdispState> state = pciTsm.tdiState(pdev);
        if (state.orElse(TdispState.CONFIG_UNLOCKED) != TdispState.RUN) {
            return DmaOutcome.blocked("TDI is " + state.map(TdispState::toString).orElse("unbound")
                    + "; T=1 requests are accepted only in RUN");
        }
        for (long page = r.address(); page < r.address() + r.length(); page += KvmVm.PAGE_SIZE) {
            if (!vm.isPrivateMemory(page) && !vm.isSharedMemory(page)) {
                return DmaOutcome.blocked(String.format("gpa 0x%x is not memory of %s", page, vm.id()));
            }
        }
        boolean allPrivate = vm.isPrivateMemory(r.address()) && vm.isPrivateMemory(r.address() + r.length() - 1);
        return allPrivate ? DmaOutcome.allowed(DmaOutcome.Target.PRIVATE_MEMORY, vm.id() + " private memory")
                : DmaOutcome.allowed(DmaOutcome.Target.SHARED_MEMORY, vm.id() + " shared memory");
    }
}
