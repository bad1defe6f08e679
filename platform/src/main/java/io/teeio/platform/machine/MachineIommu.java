package io.teeio.platform.machine;

import io.teeio.platform.device.DmaOutcome;
import io.teeio.platform.device.DmaRequest;
import io.teeio.platform.device.Iommu;
import io.teeio.platform.kernel.Bdf;
import io.teeio.platform.kernel.IommuDma;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The device's DMA as the platform carries it: the host IOMMU model decides (a T request only from a bound,
 * RUN TDI into its CVM's memory), then the data lands in (or comes from) that CVM's RAM.
 */
final class MachineIommu implements Iommu {
    private final IommuDma iommu;
    private final Map<Bdf, GuestMemory> assigned = new ConcurrentHashMap<>();

    MachineIommu(IommuDma iommu) {
        this.iommu = iommu;
    }

    void assign(Bdf function, GuestMemory memory) {
        assigned.put(function, memory);
    }

    void release(Bdf function) {
        assigned.remove(function);
    }

    @Override
    public DmaOutcome dma(DmaRequest r) {
        Bdf requester = DeviceFunctionHw.bdfOf(r.requester());
        var outcome = iommu.dma(new io.teeio.platform.kernel.DmaRequest(requester, r.tee(), r.address(), r.length(),
                r.write()));
        if (!outcome.allowed()) {
            return DmaOutcome.unsupportedRequest("IOMMU: " + outcome.reason());
        }
        GuestMemory memory = assigned.get(requester);
        if (memory == null) {
            return DmaOutcome.unsupportedRequest("IOMMU allowed it, but no guest memory backs " + requester);
        }
        if (r.write()) {
            memory.write(r.address(), r.data());
            return DmaOutcome.completed(io.teeio.spdm.codec.Bytes.EMPTY, "IOMMU: " + outcome.target() + ", "
                    + outcome.reason());
        }
        return DmaOutcome.completed(memory.read(r.address(), r.length()), "IOMMU: " + outcome.target());
    }
}
