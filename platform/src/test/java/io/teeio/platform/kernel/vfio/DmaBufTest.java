package io.teeio.platform.kernel.vfio;

import static io.teeio.platform.kernel.testing.TestHost.VF1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.platform.kernel.Errno;
import io.teeio.platform.kernel.KernelException;
import io.teeio.platform.kernel.kvm.KvmCreateVm;
import io.teeio.platform.kernel.kvm.KvmFaultOutcome;
import io.teeio.platform.kernel.kvm.KvmPageFault;
import io.teeio.platform.kernel.kvm.KvmUserspaceMemoryRegion2;
import io.teeio.platform.kernel.kvm.VmFd;
import io.teeio.platform.kernel.kvm.VmType;
import io.teeio.platform.kernel.testing.Assigned;
import io.teeio.platform.kernel.testing.TestHost;
import java.util.List;
import org.junit.jupiter.api.Test;

/** VFIO_DEVICE_FEATURE_DMA_BUF: ranges, revocation (reset, MSE clear, D3 temporary; close for good), KVM import. */
class DmaBufTest {
    private static final long GPA = 0x1000_0000L;
    private final TestHost host = TestHost.defaults();
    private final Assigned a = host.connectAndAssign();

    private VfioDmaBuf buf(long offset, long length) {
        return a.dev.vfioDeviceFeatureDmaBuf(VfioDeviceFeatureDmaBuf.of(0, List.of(new VfioDmaRange(offset, length))));
    }

    private KvmFaultOutcome sharedFault() {
        return a.vm.fault(new KvmPageFault(GPA, false, false));
    }

    @Test
    void aDmaBufResolvesToTheBarItExports() {
        VfioDmaBuf b = buf(0x2000, 0x2000);
        var loc = b.resolve(0x1000);
        assertEquals(VF1, loc.bdf());
        assertEquals(0x3000, loc.barOffset());
        assertEquals(host.bar0(VF1).address() + 0x3000, loc.physAddr());
    }

    @Test
    void anUnalignedRangeIsEinval() {
        host.assertFailsIntact(Errno.EINVAL, () -> buf(0x100, 0x1000));
    }

    @Test
    void aRangePastTheEndOfTheBarIsEinval() {
        host.assertFailsIntact(Errno.EINVAL, () -> buf(0xF000, 0x2000));
    }

    @Test
    void theRomAndConfigRegionsCannotBeExportedEinval() {
        host.assertFailsIntact(Errno.EINVAL, () -> a.dev.vfioDeviceFeatureDmaBuf(VfioDeviceFeatureDmaBuf.of(
                VfioRegion.ROM, List.of(new VfioDmaRange(0, 0x1000)))));
        host.assertFailsIntact(Errno.EINVAL, () -> a.dev.vfioDeviceFeatureDmaBuf(VfioDeviceFeatureDmaBuf.of(
                VfioRegion.CONFIG, List.of(new VfioDmaRange(0, 0x1000)))));
    }

    @Test
    void noRangesOrNonZeroFlagsAreEinval() {
        host.assertFailsIntact(Errno.EINVAL, () -> a.dev.vfioDeviceFeatureDmaBuf(VfioDeviceFeatureDmaBuf.of(0, List.of())));
        host.assertFailsIntact(Errno.EINVAL, () -> a.dev.vfioDeviceFeatureDmaBuf(new VfioDeviceFeatureDmaBuf(64,
                VfioDeviceFeatureDmaBuf.VFIO_DEVICE_FEATURE_GET | VfioDeviceFeatureDmaBuf.VFIO_DEVICE_FEATURE_DMA_BUF,
                0, 0, 1, List.of(new VfioDmaRange(0, 0x1000)))));
    }

    @Test
    void resetRevokesTheBufferAndZapsWhatKvmMappedThenRestoresIt() {
        VfioDmaBuf b = buf(0, 0x1_0000);
        a.vm.kvmSetUserMemoryRegion2(KvmUserspaceMemoryRegion2.vfioDmabuf(1, GPA, 0x1_0000, b));
        assertEquals(KvmFaultOutcome.Kind.MAPPED_SHARED_MMIO, sharedFault().kind());
        int from = host.events().size() - 1;
        a.dev.vfioDeviceReset();
        assertTrue(host.eventIndexAfter(from, "vfio-pci", "dma-buf revoke") > from);
        assertTrue(a.vm.vm().sptes().isEmpty());
        assertFalse(b.isRevoked());
        assertEquals(KvmFaultOutcome.Kind.MAPPED_SHARED_MMIO, sharedFault().kind());
    }

    @Test
    void clearingMemorySpaceEnableRevokesTheBufferSoItResolvesToEnodevUntilMemoryIsBack() {
        VfioDmaBuf b = buf(0, 0x1_0000);
        a.vm.kvmSetUserMemoryRegion2(KvmUserspaceMemoryRegion2.vfioDmabuf(1, GPA, 0x1_0000, b));
        a.dev.configWrite(4, 2, 0);
        KernelException e = assertThrows(KernelException.class, () -> b.resolve(0));
        assertEquals(Errno.ENODEV, e.errno());
        assertEquals(KvmFaultOutcome.Kind.REFUSED, sharedFault().kind());
        a.dev.configWrite(4, 2, 2);
        assertEquals(KvmFaultOutcome.Kind.MAPPED_SHARED_MMIO, sharedFault().kind());
    }

    @Test
    void lowPowerRevokesTheBufferAndLeavingItRestoresIt() {
        VfioDmaBuf b = buf(0, 0x1_0000);
        a.dev.vfioDeviceFeature(VfioDeviceFeature.set(VfioDeviceFeature.VFIO_DEVICE_FEATURE_LOW_POWER_ENTRY));
        assertTrue(b.isRevoked());
        a.dev.vfioDeviceFeature(VfioDeviceFeature.set(VfioDeviceFeature.VFIO_DEVICE_FEATURE_LOW_POWER_EXIT));
        assertFalse(b.isRevoked());
    }

    @Test
    void closingTheDeviceRevokesTheBufferForGood() {
        VfioDmaBuf b = buf(0, 0x1_0000);
        a.vm.kvmDevVfioFileDel(a.dev);
        a.dev.close();
        assertTrue(b.isPermanentlyRevoked());
        assertEquals(Errno.ENODEV, assertThrows(KernelException.class, () -> b.resolve(0)).errno());
    }

    @Test
    void aRevokedBufferCannotBackAMemslotEnodev() {
        VfioDmaBuf b = buf(0, 0x1_0000);
        a.dev.configWrite(4, 2, 0);
        host.assertFailsIntact(Errno.ENODEV, () -> a.vm.kvmSetUserMemoryRegion2(
                KvmUserspaceMemoryRegion2.vfioDmabuf(1, GPA, 0x1_0000, b)));
    }

    @Test
    void aMemslotInAnotherVmThanTheDevicesIsEinval() {
        VfioDmaBuf b = buf(0, 0x1_0000);
        VmFd other = host.kernel.kvm().kvmCreateVm(new KvmCreateVm(VmType.CVM));
        host.assertFailsIntact(Errno.EINVAL, () -> other.kvmSetUserMemoryRegion2(
                KvmUserspaceMemoryRegion2.vfioDmabuf(1, GPA, 0x1_0000, b)));
    }

    @Test
    void aMemslotThatDoesNotCoverTheWholeBufferIsEinval() {
        VfioDmaBuf b = buf(0, 0x1_0000);
        host.assertFailsIntact(Errno.EINVAL, () -> a.vm.kvmSetUserMemoryRegion2(
                KvmUserspaceMemoryRegion2.vfioDmabuf(1, GPA, 0x8000, b)));
    }

    @Test
    void kvmKeepsTheBufferAliveAfterTheUserClosesItsFd() {
        VfioDmaBuf b = buf(0, 0x1_0000);
        a.vm.kvmSetUserMemoryRegion2(KvmUserspaceMemoryRegion2.vfioDmabuf(1, GPA, 0x1_0000, b));
        b.close();
        assertFalse(b.isReleased());
        assertEquals(KvmFaultOutcome.Kind.MAPPED_SHARED_MMIO, sharedFault().kind());
        a.vm.kvmSetUserMemoryRegion2(KvmUserspaceMemoryRegion2.delete(1));
        assertTrue(b.isReleased());
        assertTrue(host.vfio(VF1).dmabufs().isEmpty());
    }

    @Test
    void aMemslotAtANonZeroDmaBufOffsetIsEinval() {
        VfioDmaBuf b = buf(0, 0x1_0000);
        host.assertFailsIntact(Errno.EINVAL, () -> a.vm.kvmSetUserMemoryRegion2(new KvmUserspaceMemoryRegion2(1,
                KvmUserspaceMemoryRegion2.KVM_MEM_VFIO_DMABUF, GPA, 0x1_0000, 0, b, 0x1000)));
    }

    @Test
    void aMemslotCannotBeBothGuestMemfdAndDmaBufEinval() {
        VfioDmaBuf b = buf(0, 0x1_0000);
        host.assertFailsIntact(Errno.EINVAL, () -> a.vm.kvmSetUserMemoryRegion2(new KvmUserspaceMemoryRegion2(1,
                KvmUserspaceMemoryRegion2.KVM_MEM_VFIO_DMABUF | KvmUserspaceMemoryRegion2.KVM_MEM_GUEST_MEMFD, GPA,
                0x1_0000, 0, b, 0)));
    }
}
