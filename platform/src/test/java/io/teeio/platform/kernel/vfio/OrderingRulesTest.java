package io.teeio.platform.kernel.vfio;

import static io.teeio.platform.kernel.testing.TestHost.VF1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.platform.kernel.Errno;
import io.teeio.platform.kernel.TdispState;
import io.teeio.platform.kernel.kvm.KvmFaultOutcome;
import io.teeio.platform.kernel.kvm.KvmMemoryAttributes;
import io.teeio.platform.kernel.kvm.KvmPageFault;
import io.teeio.platform.kernel.kvm.KvmUserspaceMemoryRegion2;
import io.teeio.platform.kernel.kvm.VmState;
import io.teeio.platform.kernel.pci.HostAccess;
import io.teeio.platform.kernel.pci.PciRegs;
import io.teeio.platform.kernel.testing.Assigned;
import io.teeio.platform.kernel.testing.BindPath;
import io.teeio.platform.kernel.testing.TestHost;
import io.teeio.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ordering rules of HOST-STACK.md §1.3 and DESIGN.md, each shown by the order things reach the hardware. */
class OrderingRulesTest {
    private final TestHost host = TestHost.defaults();

    private Assigned running() {
        Assigned a = host.connectAndAssign();
        BindPath.VFIO_DEVICE_TSM_BIND.bind(a);
        a.start();
        return a;
    }

    @Test
    void closeUnbindsTheTdiBeforeTheDeviceIsDisabled() {
        Assigned a = running();
        a.vm.kvmDevVfioFileDel(a.dev);
        int from = host.log.size();
        a.dev.close();
        int stop = host.log.indexOf(VF1 + " TDISP RUN -> CONFIG_UNLOCKED", from);
        int disable = host.log.indexOf(VF1 + " config COMMAND MSE=1", from);
        int flr = host.log.indexOf(VF1 + " FLR", from);
        assertTrue(stop >= 0 && stop < disable && disable < flr, host.log.entries().subList(from, host.log.size())
                .toString());
        assertFalse(host.fn(VF1).everInError());
    }

    @Test
    void disablingTheDeviceUnderABoundTdiWouldSendItToError() {
        running();
        host.kernel.pci().device(VF1).clearCommandBits(PciRegs.COMMAND_MASTER | PciRegs.COMMAND_MEMORY, "wrong order");
        assertEquals(TdispState.ERROR, host.fn(VF1).tdispState());
    }

    @Test
    void tsmUnbindComesBeforePrivateMmioIsUnmapped() {
        Assigned a = running();
        VfioDmaBuf buf = a.dev.vfioDeviceFeatureDmaBuf(VfioDeviceFeatureDmaBuf.of(0, List.of(new VfioDmaRange(0, 0x1_0000))));
        long gpa = 0x1000_0000L;
        a.vm.kvmSetUserMemoryRegion2(KvmUserspaceMemoryRegion2.vfioDmabuf(1, gpa, 0x1_0000, buf));
        a.vm.kvmSetMemoryAttributes(KvmMemoryAttributes.makePrivate(gpa, 0x1_0000));
        assertEquals(KvmFaultOutcome.Kind.MAPPED_PRIVATE_MMIO, a.vm.fault(new KvmPageFault(gpa, true, false)).kind());
        int from = host.events().size() - 1;
        BindPath.VFIO_DEVICE_TSM_BIND.unbind(a);
        int unbind = host.eventIndexAfter(from, "pci-tsm", "pci_tsm_unbind");
        int zap = host.eventIndexAfter(from, "kvm", "zap");
        int trustedOff = host.eventIndexAfter(from, "iommu", "disable trusted DMA");
        assertTrue(unbind >= 0 && unbind < zap && zap < trustedOff, unbind + " " + zap + " " + trustedOff);
        assertTrue(a.vm.vm().warnings().isEmpty(), a.vm.vm().warnings().toString());
    }

    @Test
    void unmappingPrivateMmioUnderARunningTdiIsRefusedByKvmEbusy() {
        Assigned a = running();
        VfioDmaBuf buf = a.dev.vfioDeviceFeatureDmaBuf(VfioDeviceFeatureDmaBuf.of(0, List.of(new VfioDmaRange(0, 0x1_0000))));
        long gpa = 0x1000_0000L;
        a.vm.kvmSetUserMemoryRegion2(KvmUserspaceMemoryRegion2.vfioDmabuf(1, gpa, 0x1_0000, buf));
        a.vm.kvmSetMemoryAttributes(KvmMemoryAttributes.makePrivate(gpa, 0x1_0000));
        a.vm.fault(new KvmPageFault(gpa, true, false));
        host.assertFailsIntact(Errno.EBUSY, () -> a.vm.kvmSetUserMemoryRegion2(KvmUserspaceMemoryRegion2.delete(1)));
        host.assertFailsIntact(Errno.EBUSY, () -> a.vm.kvmSetMemoryAttributes(KvmMemoryAttributes.makeShared(gpa,
                0x1000)));
        BindPath.VFIO_DEVICE_TSM_BIND.unbind(a);
        a.vm.kvmSetUserMemoryRegion2(KvmUserspaceMemoryRegion2.delete(1));
        assertTrue(a.vm.vm().warnings().isEmpty());
    }

    @Test
    void userMmapsAreRevokedBeforeLock() {
        Assigned a = host.connectAndAssign();
        VfioMmap m = a.dev.mmap(0, 0, 0x1000);
        assertTrue(m.read(0, 4).reached());
        List<HostAccess> atLock = new ArrayList<>();
        host.tsm.beforeLock(p -> atLock.add(m.read(0, 4)));
        BindPath.VFIO_DEVICE_TSM_BIND.bind(a);
        assertEquals(1, atLock.size());
        assertFalse(atLock.get(0).reached(), "the VMM's mmap still reached the BAR when LOCK was sent");
        int zap = host.eventIndex("vfio-pci", "vfio_pci_zap_bars");
        int lock = host.eventIndex("pci-tsm", "pci_tsm_bind");
        assertTrue(zap >= 0 && zap < lock);
    }

    @Test
    void iommufdObjectsAreTornDownInReverseOrder() {
        Assigned a = host.connectAndAssign();
        a.ictx.close();
        a.vm.kvmDevVfioFileDel(a.dev);
        int from = host.events().size() - 1;
        a.dev.close();
        List<String> destroyed = new ArrayList<>();
        List<TraceEvent> es = host.events();
        for (int i = from + 1; i < es.size(); i++) {
            if (es.get(i).action().equals("IOMMU_DESTROY")) {
                destroyed.add(es.get(i).stateBefore());
            }
        }
        assertEquals(List.of("VDEVICE " + a.vdeviceId, "DEVICE " + a.devId, "VIOMMU " + a.viommuId,
                "HWPT_PAGING " + a.hwptId, "IOAS " + a.ioasId), destroyed);
    }

    @Test
    void vmTeardownUnbindsTheTdiBeforeTheVmsMappingsGo() {
        Assigned a = running();
        int from = host.events().size() - 1;
        a.vm.close();
        assertEquals(TdispState.CONFIG_UNLOCKED, host.fn(VF1).tdispState());
        assertFalse(host.vfio(VF1).isTsmBound());
        assertFalse(host.fn(VF1).everInError());
        int unbind = host.eventIndexAfter(from, "pci-tsm", "pci_tsm_unbind");
        int zap = host.eventIndexAfter(from, "kvm", "zap");
        assertTrue(unbind >= 0 && (zap < 0 || unbind < zap));
        assertEquals(VmState.DYING, a.vm.vm().state(), "the vIOMMU still holds the VM");
        assertTrue(host.kernel.iommufd().snapshot().trustedDma().isEmpty());
    }
}
