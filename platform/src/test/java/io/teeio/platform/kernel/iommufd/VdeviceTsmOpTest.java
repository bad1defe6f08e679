package io.teeio.platform.kernel.iommufd;

import static io.teeio.platform.kernel.testing.TestHost.VF1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.platform.kernel.Errno;
import io.teeio.platform.kernel.TdispState;
import io.teeio.platform.kernel.testing.AssignOptions;
import io.teeio.platform.kernel.testing.Assigned;
import io.teeio.platform.kernel.testing.FakeLinkTsm;
import io.teeio.platform.kernel.testing.TestHost;
import org.junit.jupiter.api.Test;

/** IOMMU_VDEVICE_TSM_OP and IOMMU_VDEVICE_TSM_REQ errnos (HOST-STACK.md §4, §6). */
class VdeviceTsmOpTest {
    private final TestHost host = TestHost.defaults();

    @Test
    void tsmOpWithNonZeroFlagsIsEopnotsupp() {
        Assigned a = host.connectAndAssign();
        host.assertFailsIntact(Errno.EOPNOTSUPP, () -> a.ictx.iommuVdeviceTsmOp(new IommuVdeviceTsmOp(
                IommuVdeviceTsmOp.SIZE, IommuVdeviceTsmOp.IOMMU_VDEVICE_TSM_BIND, 1, a.vdeviceId)));
    }

    @Test
    void tsmOpWithAnUnknownTypeIsEinval() {
        Assigned a = host.connectAndAssign();
        host.assertFailsIntact(Errno.EINVAL, () -> a.ictx.iommuVdeviceTsmOp(new IommuVdeviceTsmOp(
                IommuVdeviceTsmOp.SIZE, 3, 0, a.vdeviceId)));
    }

    @Test
    void tsmOpBindThroughAViommuWithoutKvmIsEnodev() {
        host.connect();
        Assigned a = host.assign(VF1, AssignOptions.DEFAULT.withoutKvm());
        host.assertFailsIntact(Errno.ENODEV, () -> a.ictx.iommuVdeviceTsmOp(IommuVdeviceTsmOp.bind(a.vdeviceId)));
    }

    @Test
    void tsmOpWithAnIdThatIsNotAVdeviceIsEnoent() {
        Assigned a = host.connectAndAssign();
        host.assertFailsIntact(Errno.ENOENT, () -> a.ictx.iommuVdeviceTsmOp(IommuVdeviceTsmOp.bind(77)));
        host.assertFailsIntact(Errno.ENOENT, () -> a.ictx.iommuVdeviceTsmOp(IommuVdeviceTsmOp.bind(a.viommuId)));
    }

    @Test
    void tsmOpUnbindIsIdempotent() {
        Assigned a = host.connectAndAssign();
        var before = host.state();
        a.ictx.iommuVdeviceTsmOp(IommuVdeviceTsmOp.unbind(a.vdeviceId));
        assertEquals(before, host.state());
        host.assertNoLockHeld();
    }

    @Test
    void tsmReqWithReservedSetIsEopnotsupp() {
        Assigned a = host.connectAndAssign();
        a.ictx.iommuVdeviceTsmOp(IommuVdeviceTsmOp.bind(a.vdeviceId));
        host.assertFailsIntact(Errno.EOPNOTSUPP, () -> a.ictx.iommuVdeviceTsmReq(new IommuVdeviceTsmReq(
                IommuVdeviceTsmReq.SIZE, a.vdeviceId, 0, new byte[] {(byte) 0x85}, 16, 1)));
    }

    @Test
    void tsmReqWithAScopeOutsideTheUapiIsEinval() {
        Assigned a = host.connectAndAssign();
        a.ictx.iommuVdeviceTsmOp(IommuVdeviceTsmOp.bind(a.vdeviceId));
        host.assertFailsIntact(Errno.EINVAL, () -> a.guestReq(4, FakeLinkTsm.GET_DEVICE_INTERFACE_STATE));
    }

    @Test
    void tsmReqWithADebugScopeIsEinvalFromTheCore() {
        Assigned a = host.connectAndAssign();
        a.ictx.iommuVdeviceTsmOp(IommuVdeviceTsmOp.bind(a.vdeviceId));
        host.assertFailsIntact(Errno.EINVAL, () -> a.guestReq(IommuVdeviceTsmReq.IOMMU_VDEVICE_TSM_REQ_PCI_DEBUG_READ,
                FakeLinkTsm.GET_DEVICE_INTERFACE_STATE));
    }

    @Test
    void tsmReqForAVdeviceThatIsNotBoundIsEnoent() {
        Assigned a = host.connectAndAssign();
        host.assertFailsIntact(Errno.ENOENT, () -> a.guestReq(IommuVdeviceTsmReq.IOMMU_VDEVICE_TSM_REQ_PCI_INFO,
                FakeLinkTsm.GET_DEVICE_INTERFACE_STATE));
    }

    @Test
    void tsmReqForAnUnknownVdeviceIsEnoent() {
        Assigned a = host.connectAndAssign();
        host.assertFailsIntact(Errno.ENOENT, () -> a.ictx.iommuVdeviceTsmReq(IommuVdeviceTsmReq.of(55, 0,
                new byte[] {(byte) 0x85}, 16)));
    }

    @Test
    void stateChangeRequestsStartAndStopTheTdi() {
        Assigned a = host.connectAndAssign();
        a.ictx.iommuVdeviceTsmOp(IommuVdeviceTsmOp.bind(a.vdeviceId));
        a.start();
        assertEquals(TdispState.RUN, host.fn(VF1).tdispState());
        var stop = a.guestReq(IommuVdeviceTsmReq.IOMMU_VDEVICE_TSM_REQ_PCI_STATE_CHANGE, FakeLinkTsm.STOP_INTERFACE);
        assertEquals(0, stop.tsmCode());
        assertEquals(TdispState.CONFIG_UNLOCKED, host.fn(VF1).tdispState());
        assertTrue(host.vfio(VF1).isTsmBound(), "a guest STOP leaves the TDI bound until the host unbinds");
    }
}
