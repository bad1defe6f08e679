package io.teeio.platform.kernel.iommufd;

import io.teeio.platform.kernel.KernelTrace;
import io.teeio.platform.kernel.RegionPolicy;
import io.teeio.platform.kernel.pcitsm.PciTsmCore;
import java.util.ArrayList;
import java.util.List;

/** /dev/iommu and the IOMMU behind it: opens contexts, keeps every context for snapshots and leak checks. */
public final class Iommufd {
    private final PciTsmCore pciTsm;
    private final RegionPolicy regionPolicy;
    private final KernelTrace trace;
    private final Iommu iommu;
    private final List<IommufdCtx> contexts = new ArrayList<>();

    public Iommufd(PciTsmCore pciTsm, RegionPolicy regionPolicy, KernelTrace trace) {
        this.pciTsm = pciTsm;
        this.regionPolicy = regionPolicy;
        this.trace = trace;
        this.iommu = new Iommu(pciTsm, trace);
    }

    /** open("/dev/iommu"). */
    public IommufdCtx open() {
        IommufdCtx ctx = new IommufdCtx("iommufd#" + (contexts.size() + 1), this);
        contexts.add(ctx);
        trace.transition(IommufdCtx.ACTOR, "open /dev/iommu", "", "absent", ctx.name());
        return ctx;
    }

    /** The DMA check devices call. */
    public Iommu iommu() {
        return iommu;
    }

    PciTsmCore pciTsm() {
        return pciTsm;
    }

    RegionPolicy regionPolicy() {
        return regionPolicy;
    }

    KernelTrace trace() {
        return trace;
    }

    public List<IommufdCtx> contexts() {
        return List.copyOf(contexts);
    }

    public IommufdSnapshot snapshot() {
        return new IommufdSnapshot(contexts.stream().map(IommufdCtx::snapshot).toList(), iommu.trustedDma());
    }
}
