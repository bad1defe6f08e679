package io.teeio.platform.kernel.iommufd;

import static io.teeio.platform.kernel.testing.TestHost.VF1;
import static io.teeio.platform.kernel.testing.TestHost.VF2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.platform.kernel.DmaOutcome;
import io.teeio.platform.kernel.DmaRequest;
import io.teeio.platform.kernel.testing.Assigned;
import io.teeio.platform.kernel.testing.TestHost;
import org.junit.jupiter.api.Test;

/** The IOMMU check the device model calls for each DMA. */
class IommuDmaTest {
    private final TestHost host = TestHost.defaults();

    private DmaOutcome dma(boolean tee, long addr, boolean write) {
        return host.kernel.iommu().dma(new DmaRequest(VF1, tee, addr, 64, write));
    }

    @Test
    void untrustedDmaIsTranslatedThroughTheIoas() {
        host.connectAndAssign();
        DmaOutcome o = dma(false, Assigned.PRIVATE_END + 0x100, true);
        assertEquals(DmaOutcome.Target.IOAS_MAPPING, o.target());
        assertTrue(o.reason().contains(Long.toHexString(Assigned.HVA + Assigned.PRIVATE_END + 0x100)), o.reason());
    }

    @Test
    void untrustedDmaToAnUnmappedIovaFaults() {
        host.connectAndAssign();
        assertFalse(dma(false, 0x1000, false).allowed());
    }

    @Test
    void dmaFromAFunctionNotAttachedToAnyDomainIsBlocked() {
        host.connectAndAssign();
        assertFalse(host.kernel.iommu().dma(new DmaRequest(VF2, false, Assigned.PRIVATE_END, 64, false)).allowed());
    }

    @Test
    void teeDmaFromAnUnboundFunctionIsBlocked() {
        host.connectAndAssign();
        assertTrue(dma(true, 0x1000, true).reason().contains("trusted DMA is not enabled"));
    }

    @Test
    void teeDmaFromALockedButNotRunningTdiIsBlocked() {
        Assigned a = host.connectAndAssign();
        a.ictx.iommuVdeviceTsmOp(IommuVdeviceTsmOp.bind(a.vdeviceId));
        DmaOutcome o = dma(true, 0x1000, true);
        assertFalse(o.allowed());
        assertTrue(o.reason().contains("CONFIG_LOCKED"), o.reason());
    }

    @Test
    void teeDmaFromARunningTdiReachesTheCvmsPrivateAndSharedMemory() {
        Assigned a = host.connectAndAssign();
        a.ictx.iommuVdeviceTsmOp(IommuVdeviceTsmOp.bind(a.vdeviceId));
        a.start();
        assertEquals(DmaOutcome.Target.PRIVATE_MEMORY, dma(true, 0x1000, true).target());
        assertEquals(DmaOutcome.Target.SHARED_MEMORY, dma(true, Assigned.PRIVATE_END + 0x1000, false).target());
        assertFalse(dma(true, Assigned.GUEST_MEM + 0x1000, false).allowed());
    }

    @Test
    void untrustedDmaNeverReachesPrivateMemoryEvenFromARunningTdi() {
        Assigned a = host.connectAndAssign();
        a.ictx.iommuVdeviceTsmOp(IommuVdeviceTsmOp.bind(a.vdeviceId));
        a.start();
        assertFalse(dma(false, 0x1000, true).allowed());
    }
}
