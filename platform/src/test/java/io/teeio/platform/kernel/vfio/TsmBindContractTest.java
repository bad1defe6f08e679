package io.teeio.platform.kernel.vfio;

import static io.teeio.platform.kernel.testing.TestHost.VF1;
import static io.teeio.platform.kernel.testing.TestHost.VF2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.platform.kernel.DmaOutcome;
import io.teeio.platform.kernel.DmaRequest;
import io.teeio.platform.kernel.Errno;
import io.teeio.platform.kernel.TdispState;
import io.teeio.platform.kernel.iommufd.IommuDestroy;
import io.teeio.platform.kernel.iommufd.IommuVdeviceTsmReq;
import io.teeio.platform.kernel.kvm.KvmFaultOutcome;
import io.teeio.platform.kernel.kvm.KvmMemoryAttributes;
import io.teeio.platform.kernel.kvm.KvmPageFault;
import io.teeio.platform.kernel.kvm.KvmUserspaceMemoryRegion2;
import io.teeio.platform.kernel.testing.AssignOptions;
import io.teeio.platform.kernel.testing.Assigned;
import io.teeio.platform.kernel.testing.BindPath;
import io.teeio.platform.kernel.testing.FakeLinkTsm;
import io.teeio.platform.kernel.testing.TestHost;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The TSM bind contract both paths (VFIO_DEVICE_TSM_BIND and IOMMU_VDEVICE_TSM_OP) must keep. */
class TsmBindContractTest {
    private final TestHost host = TestHost.defaults();

    private Assigned boundVf1(BindPath path) {
        Assigned a = host.connectAndAssign();
        path.bind(a);
        return a;
    }

    @ParameterizedTest
    @EnumSource(BindPath.class)
    void bindLocksTheTdi(BindPath path) {
        boundVf1(path);
        assertEquals(TdispState.CONFIG_LOCKED, host.fn(VF1).tdispState());
        assertEquals("tsm0\n", host.kernel.pciTsm().sysfs(VF1).readBound());
        host.assertNoLockHeld();
    }

    @ParameterizedTest
    @EnumSource(BindPath.class)
    void bindPassesTheVdeviceVirtualIdAndTheViommuVmToTheTsm(BindPath path) {
        Assigned a = boundVf1(path);
        var tdi = host.kernel.pciTsm().tdi(host.kernel.pci().device(VF1)).orElseThrow();
        assertEquals(Assigned.VIRT_ID, tdi.tdiId());
        assertEquals(a.vm.vm().id(), tdi.kvm());
    }

    @ParameterizedTest
    @EnumSource(BindPath.class)
    void guestStartMovesTheBoundTdiToRun(BindPath path) {
        Assigned a = boundVf1(path);
        a.start();
        assertEquals(TdispState.RUN, host.fn(VF1).tdispState());
    }

    @ParameterizedTest
    @EnumSource(BindPath.class)
    void unbindReturnsTheTdiToConfigUnlockedWithoutError(BindPath path) {
        Assigned a = boundVf1(path);
        a.start();
        path.unbind(a);
        assertEquals(TdispState.CONFIG_UNLOCKED, host.fn(VF1).tdispState());
        assertFalse(host.fn(VF1).everInError());
        assertEquals("\n", host.kernel.pciTsm().sysfs(VF1).readBound());
        host.assertNoLockHeld();
    }

    @ParameterizedTest
    @EnumSource(BindPath.class)
    void unbindWhenNotBoundIsANoOpAndReleasesTheLock(BindPath path) {
        Assigned a = host.connectAndAssign();
        var before = host.state();
        path.unbind(a);
        path.unbind(a);
        assertEquals(before, host.state());
        host.assertNoLockHeld();
    }

    @ParameterizedTest
    @EnumSource(BindPath.class)
    void secondBindIsEexistAndChangesNothing(BindPath path) {
        Assigned a = boundVf1(path);
        host.assertFailsIntact(Errno.EEXIST, () -> path.bind(a));
    }

    @ParameterizedTest
    @EnumSource(BindPath.class)
    void bindOfAnUnconnectedFunctionFailsInPciTsmBindWithEinvalAndUndoesEverything(BindPath path) {
        Assigned a = host.assign(VF1, AssignOptions.DEFAULT);
        host.assertFailsIntact(Errno.EINVAL, () -> path.bind(a));
        assertEquals(TdispState.CONFIG_UNLOCKED, host.fn(VF1).tdispState());
    }

    @ParameterizedTest
    @EnumSource(BindPath.class)
    void aTsmThatRefusesTheBindLeavesTheHostAsItWas(BindPath path) {
        Assigned a = host.connectAndAssign();
        host.tsm.failBindWith(Errno.EIO);
        host.assertFailsIntact(Errno.EIO, () -> path.bind(a));
        assertTrue(host.vfio(VF1).mmaps().isEmpty());
        assertTrue(host.kernel.iommufd().snapshot().trustedDma().isEmpty());
    }

    @ParameterizedTest
    @EnumSource(BindPath.class)
    void bindWithoutAVmOnTheViommuFailsAndChangesNothing(BindPath path) {
        host.connect();
        Assigned a = host.assign(VF1, AssignOptions.DEFAULT.withoutKvm());
        Errno expected = path == BindPath.VFIO_DEVICE_TSM_BIND ? Errno.ENOENT : Errno.ENODEV;
        host.assertFailsIntact(expected, () -> path.bind(a));
    }

    @ParameterizedTest
    @EnumSource(BindPath.class)
    void aBoundVdeviceCannotBeDestroyedUntilUnboundEbusy(BindPath path) {
        Assigned a = boundVf1(path);
        host.assertFailsIntact(Errno.EBUSY, () -> a.ictx.iommuDestroy(IommuDestroy.of(a.vdeviceId)));
        path.unbind(a);
        a.ictx.iommuDestroy(IommuDestroy.of(a.vdeviceId));
        assertTrue(a.ictx.objects().stream().noneMatch(o -> o.id() == a.vdeviceId));
    }

    @ParameterizedTest
    @EnumSource(BindPath.class)
    void userMmapOfABarIsRefusedWhileBoundAndWorksAgainAfterUnbind(BindPath path) {
        Assigned a = host.connectAndAssign();
        VfioMmap m = a.dev.mmap(0, 0, 0x1000);
        assertTrue(m.read(0, 4).reached());
        path.bind(a);
        var refused = m.read(0, 4);
        assertFalse(refused.reached());
        assertTrue(refused.reason().contains("TDI is bound"), refused.reason());
        path.unbind(a);
        assertTrue(m.read(0, 4).reached());
        assertTrue(host.fn(VF1).violations().isEmpty());
    }

    @ParameterizedTest
    @EnumSource(BindPath.class)
    void noHostPathReachesTheMmioOfABoundTdi(BindPath path) {
        Assigned a = boundVf1(path);
        a.start();
        long bar0 = host.bar0(VF1).address();
        var other = new io.teeio.platform.kernel.pci.OtherKernelDriver(host.kernel.pci(), "nosy_drv");
        assertFalse(other.mmioRead(VF1, 0, 0, 4).reached());
        assertFalse(host.kernel.devMem().read(bar0, 4).reached());
        assertFalse(host.kernel.sysfsResource().read(VF1, 0, 0, 4).reached());
        assertFalse(a.dev.mmap(0, 0, 0x1000).read(0, 4).reached());
        assertFalse(a.dev.barWrite(0, 0, 4, 1).reached());
        assertTrue(host.fn(VF1).violations().isEmpty());
    }

    @ParameterizedTest
    @EnumSource(BindPath.class)
    void guestRequestsRelayOnlyWhileBound(BindPath path) {
        Assigned a = host.connectAndAssign();
        host.assertFailsIntact(Errno.ENOENT, () -> a.guestReq(IommuVdeviceTsmReq.IOMMU_VDEVICE_TSM_REQ_PCI_INFO,
                FakeLinkTsm.GET_DEVICE_INTERFACE_STATE));
        path.bind(a);
        var r = a.guestReq(IommuVdeviceTsmReq.IOMMU_VDEVICE_TSM_REQ_PCI_INFO, FakeLinkTsm.GET_DEVICE_INTERFACE_STATE);
        assertEquals(TdispState.CONFIG_LOCKED.ordinal(), r.response()[1]);
        assertEquals(64 - r.respLen(), r.residue());
    }

    @ParameterizedTest
    @EnumSource(BindPath.class)
    void privateMmioIsMappedForTheCvmOnlyWhileTheTdiRuns(BindPath path) {
        Assigned a = host.connectAndAssign();
        VfioDmaBuf buf = a.dev.vfioDeviceFeatureDmaBuf(VfioDeviceFeatureDmaBuf.of(0, List.of(new VfioDmaRange(0, 0x1_0000))));
        long gpa = 0x1000_0000L;
        a.vm.kvmSetUserMemoryRegion2(KvmUserspaceMemoryRegion2.vfioDmabuf(1, gpa, 0x1_0000, buf));
        a.vm.kvmSetMemoryAttributes(KvmMemoryAttributes.makePrivate(gpa, 0x1_0000));
        KvmPageFault f = new KvmPageFault(gpa, true, false);
        assertEquals(KvmFaultOutcome.Kind.REFUSED, a.vm.fault(f).kind());
        path.bind(a);
        assertEquals(KvmFaultOutcome.Kind.REFUSED, a.vm.fault(f).kind());
        a.start();
        assertEquals(KvmFaultOutcome.Kind.MAPPED_PRIVATE_MMIO, a.vm.fault(f).kind());
        path.unbind(a);
        assertTrue(a.vm.vm().sptes().stream().noneMatch(s -> s.kind() == KvmFaultOutcome.Kind.MAPPED_PRIVATE_MMIO));
        assertEquals(KvmFaultOutcome.Kind.REFUSED, a.vm.fault(f).kind());
        assertTrue(a.vm.vm().warnings().isEmpty(), a.vm.vm().warnings().toString());
    }

    @ParameterizedTest
    @EnumSource(BindPath.class)
    void teeDmaToPrivateMemoryIsAllowedOnlyFromARunningBoundTdi(BindPath path) {
        Assigned a = host.connectAndAssign();
        DmaRequest toPrivate = new DmaRequest(VF1, true, 0x1000, 64, true);
        assertFalse(host.kernel.iommu().dma(toPrivate).allowed());
        path.bind(a);
        assertFalse(host.kernel.iommu().dma(toPrivate).allowed());
        a.start();
        assertEquals(DmaOutcome.Target.PRIVATE_MEMORY, host.kernel.iommu().dma(toPrivate).target());
        path.unbind(a);
        assertFalse(host.kernel.iommu().dma(toPrivate).allowed());
    }

    @ParameterizedTest
    @EnumSource(BindPath.class)
    void twoFunctionsBindAndUnbindIndependently(BindPath path) {
        Assigned a1 = host.connectAndAssign();
        Assigned a2 = host.assign(VF2, AssignOptions.DEFAULT);
        path.bind(a1);
        path.bind(a2);
        path.unbind(a1);
        assertEquals(TdispState.CONFIG_UNLOCKED, host.fn(VF1).tdispState());
        assertEquals(TdispState.CONFIG_LOCKED, host.fn(VF2).tdispState());
    }
}
