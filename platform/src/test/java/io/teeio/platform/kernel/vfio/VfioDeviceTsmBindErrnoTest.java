package io.teeio.platform.kernel.vfio;

import static io.teeio.platform.kernel.testing.TestHost.VF1;
import static io.teeio.platform.kernel.testing.TestHost.VF2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.teeio.platform.kernel.BoundDevicePolicy;
import io.teeio.platform.kernel.Errno;
import io.teeio.platform.kernel.HostPolicies;
import io.teeio.platform.kernel.KernelException;
import io.teeio.platform.kernel.RegionPolicy;
import io.teeio.platform.kernel.TdispState;
import io.teeio.platform.kernel.pci.OtherKernelDriver;
import io.teeio.platform.kernel.testing.AssignOptions;
import io.teeio.platform.kernel.testing.Assigned;
import io.teeio.platform.kernel.testing.TestHost;
import org.junit.jupiter.api.Test;

/** The seed RFC's VFIO_DEVICE_TSM_BIND / VFIO_DEVICE_TSM_UNBIND errnos (HOST-STACK.md §6), without its lock leak. */
class VfioDeviceTsmBindErrnoTest {
    private final TestHost host = TestHost.defaults();

    @Test
    void bindWithArgszTooSmallIsEinval() {
        Assigned a = host.connectAndAssign();
        host.assertFailsIntact(Errno.EINVAL, () -> a.dev.vfioDeviceTsmBind(new VfioPciTsmBind(8, 0, a.vdeviceId)));
    }

    @Test
    void bindWithNonZeroFlagsIsEinval() {
        Assigned a = host.connectAndAssign();
        host.assertFailsIntact(Errno.EINVAL, () -> a.dev.vfioDeviceTsmBind(new VfioPciTsmBind(16, 1, a.vdeviceId)));
    }

    @Test
    void bindWhenTheRegionsAreBusyIsEbusy() {
        TestHost dyn = TestHost.withPolicies(new HostPolicies(RegionPolicy.DYNAMIC_ON_BIND,
                BoundDevicePolicy.BLOCK_WHILE_BOUND));
        Assigned a = dyn.connectAndAssign();
        new OtherKernelDriver(dyn.kernel.pci(), "nosy_drv").requestMemRegion(VF1, 2);
        KernelException e = dyn.assertFailsIntact(Errno.EBUSY, () -> a.dev.vfioDeviceTsmBind(VfioPciTsmBind.of(a.vdeviceId)));
        assertEquals(true, e.reason().contains("nosy_drv"), e.reason());
    }

    @Test
    void bindWithAnUnknownVdeviceIdIsEnoent() {
        Assigned a = host.connectAndAssign();
        host.assertFailsIntact(Errno.ENOENT, () -> a.dev.vfioDeviceTsmBind(VfioPciTsmBind.of(99)));
    }

    @Test
    void bindWithAnIdThatIsNotAVdeviceIsEnoent() {
        Assigned a = host.connectAndAssign();
        host.assertFailsIntact(Errno.ENOENT, () -> a.dev.vfioDeviceTsmBind(VfioPciTsmBind.of(a.ioasId)));
    }

    @Test
    void bindWithTheVdeviceOfAnotherDeviceIsEinval() {
        host.connect();
        Assigned a = host.assign(VF1, AssignOptions.DEFAULT);
        host.bindVfioPci(VF2);
        VfioDeviceFd other = host.kernel.vfioPci().open(VF2);
        a.vm.kvmDevVfioFileAdd(other);
        other.vfioDeviceBindIommufd(VfioDeviceBindIommufd.of(a.ictx));
        host.assertFailsIntact(Errno.EINVAL, () -> other.vfioDeviceTsmBind(VfioPciTsmBind.of(a.vdeviceId)));
    }

    @Test
    void bindWhenAlreadyBoundIsEexist() {
        Assigned a = host.connectAndAssign();
        a.dev.vfioDeviceTsmBind(VfioPciTsmBind.of(a.vdeviceId));
        host.assertFailsIntact(Errno.EEXIST, () -> a.dev.vfioDeviceTsmBind(VfioPciTsmBind.of(a.vdeviceId)));
    }

    @Test
    void bindThroughAViommuWithoutKvmIsEnoent() {
        host.connect();
        Assigned a = host.assign(VF1, AssignOptions.DEFAULT.withoutKvm());
        host.assertFailsIntact(Errno.ENOENT, () -> a.dev.vfioDeviceTsmBind(VfioPciTsmBind.of(a.vdeviceId)));
    }

    @Test
    void bindWithABadArgumentPointerIsEfault() {
        Assigned a = host.connectAndAssign();
        host.assertFailsIntact(Errno.EFAULT, () -> a.dev.ioctl(VfioIoctl.VFIO_DEVICE_TSM_BIND));
    }

    @Test
    void anUnknownIoctlIsEnotty() {
        Assigned a = host.connectAndAssign();
        host.assertFailsIntact(Errno.ENOTTY, () -> a.dev.ioctl(VfioIoctl.VFIO_DEVICE_TSM_UNBIND + 1));
        host.assertFailsIntact(Errno.ENOTTY, () -> a.dev.ioctl(0x1234));
    }

    @Test
    void unbindWithArgszTooSmallOrFlagsIsEinval() {
        Assigned a = host.connectAndAssign();
        host.assertFailsIntact(Errno.EINVAL, () -> a.dev.vfioDeviceTsmUnbind(new VfioPciTsmUnbind(4, 0)));
        host.assertFailsIntact(Errno.EINVAL, () -> a.dev.vfioDeviceTsmUnbind(new VfioPciTsmUnbind(8, 2)));
    }

    @Test
    void unbindWhenNotBoundSucceedsAndDoesNotLeaveTheDevSetLockHeld() {
        Assigned a = host.connectAndAssign();
        a.dev.vfioDeviceTsmUnbind(VfioPciTsmUnbind.of());
        assertFalse(host.vfio(VF1).devSetLock().isHeld());
        a.dev.vfioDeviceTsmBind(VfioPciTsmBind.of(a.vdeviceId));
        assertEquals(TdispState.CONFIG_LOCKED, host.fn(VF1).tdispState());
    }

    @Test
    void tsmIoctlsBeforeTheCdevIsBoundToIommufdAreEinval() {
        host.connect();
        host.bindVfioPci(VF1);
        VfioDeviceFd fd = host.kernel.vfioPci().open(VF1);
        host.assertFailsIntact(Errno.EINVAL, () -> fd.vfioDeviceTsmBind(VfioPciTsmBind.of(1)));
        host.assertFailsIntact(Errno.EINVAL, () -> fd.vfioDeviceTsmUnbind(VfioPciTsmUnbind.of()));
    }

    @Test
    void bindUnderExclusiveAtOpenWithoutTheIommufdOptionIsEperm() {
        host.connect();
        Assigned a = host.assign(VF1, AssignOptions.DEFAULT.withoutExclusiveOption());
        host.assertFailsIntact(Errno.EPERM, () -> a.dev.vfioDeviceTsmBind(VfioPciTsmBind.of(a.vdeviceId)));
    }

    @Test
    void aClosedDeviceFdIsEbadf() {
        Assigned a = host.connectAndAssign();
        a.vm.kvmDevVfioFileDel(a.dev);
        a.dev.close();
        KernelException e = assertThrows(KernelException.class, () -> a.dev.vfioDeviceTsmBind(VfioPciTsmBind.of(1)));
        assertEquals(Errno.EBADF, e.errno());
    }
}
