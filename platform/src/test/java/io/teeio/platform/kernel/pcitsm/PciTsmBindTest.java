package io.teeio.platform.kernel.pcitsm;

import static io.teeio.platform.kernel.testing.TestHost.VF1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.teeio.platform.kernel.Errno;
import io.teeio.platform.kernel.TdispState;
import io.teeio.platform.kernel.VmId;
import io.teeio.platform.kernel.pci.PciDev;
import io.teeio.platform.kernel.testing.FakeLinkTsm;
import io.teeio.platform.kernel.testing.TestHost;
import org.junit.jupiter.api.Test;

/** pci_tsm_bind / pci_tsm_unbind / pci_tsm_guest_req (HOST-STACK.md §2.2, §6). */
class PciTsmBindTest {
    private final TestHost host = TestHost.defaults();
    private final PciTsmCore core = host.kernel.pciTsm();
    private final PciDev vf1 = host.kernel.pci().device(VF1);
    private final VmId vm1 = new VmId(1);

    private static byte[] req(int code) {
        return new byte[] {(byte) code};
    }

    @Test
    void bindWithoutKvmIsEinval() {
        host.connect();
        host.assertFailsIntact(Errno.EINVAL, () -> core.bind(vf1, null, 1));
    }

    @Test
    void bindOfAFunctionThatIsNotConnectedIsEinval() {
        host.assertFailsIntact(Errno.EINVAL, () -> core.bind(vf1, vm1, 1));
    }

    @Test
    void bindToAnotherVmWhileBoundIsEbusy() {
        host.connect();
        core.bind(vf1, vm1, 1);
        host.assertFailsIntact(Errno.EBUSY, () -> core.bind(vf1, new VmId(2), 1));
    }

    @Test
    void bindToTheSameVmAgainSucceedsWithTheSameTdi() {
        host.connect();
        PciTdi first = core.bind(vf1, vm1, 1);
        var before = host.state();
        assertSame(first, core.bind(vf1, vm1, 1));
        assertEquals(before, host.state());
    }

    @Test
    void unbindIsIdempotent() {
        host.connect();
        core.unbind(vf1);
        core.bind(vf1, vm1, 1);
        core.unbind(vf1);
        var after = host.state();
        core.unbind(vf1);
        assertEquals(after, host.state());
        assertEquals(TdispState.CONFIG_UNLOCKED, host.fn(VF1).tdispState());
    }

    @Test
    void guestRequestWithScopeAboveStateChangeIsEinval() {
        host.connect();
        core.bind(vf1, vm1, 1);
        host.assertFailsIntact(Errno.EINVAL, () -> core.guestReq(vf1, PciTsmReqScope.DEBUG_READ.value(),
                req(FakeLinkTsm.GET_DEVICE_INTERFACE_STATE), 16));
        host.assertFailsIntact(Errno.EINVAL, () -> core.guestReq(vf1, PciTsmReqScope.DEBUG_WRITE.value(),
                req(FakeLinkTsm.GET_DEVICE_INTERFACE_STATE), 16));
    }

    @Test
    void guestRequestForAnUnboundTdiIsEnxio() {
        host.connect();
        host.assertFailsIntact(Errno.ENXIO, () -> core.guestReq(vf1, PciTsmReqScope.INFO.value(),
                req(FakeLinkTsm.GET_DEVICE_INTERFACE_STATE), 16));
    }

    @Test
    void guestRequestWithoutATsmContextIsEnxio() {
        host.assertFailsIntact(Errno.ENXIO, () -> core.guestReq(vf1, PciTsmReqScope.INFO.value(),
                req(FakeLinkTsm.GET_DEVICE_INTERFACE_STATE), 16));
    }

    @Test
    void guestRequestReturnsTheResponseAndTheUnusedBufferAsResidue() {
        host.connect();
        core.bind(vf1, vm1, 1);
        GuestReqResult r = core.guestReq(vf1, PciTsmReqScope.STATE_CHANGE.value(), req(FakeLinkTsm.START_INTERFACE),
                16);
        assertEquals(1, r.bytes().length);
        assertEquals(15, r.residue());
        assertEquals(0, r.tsmCode());
        assertEquals(TdispState.RUN, host.fn(VF1).tdispState());
    }

    @Test
    void aTsmErrorComesBackAsItsTsmCode() {
        host.connect();
        core.bind(vf1, vm1, 1);
        GuestReqResult r = core.guestReq(vf1, PciTsmReqScope.INFO.value(), req(FakeLinkTsm.START_INTERFACE), 16);
        assertEquals(FakeLinkTsm.INVALID_REQUEST, r.tsmCode());
        assertEquals(TdispState.CONFIG_LOCKED, host.fn(VF1).tdispState());
    }
}
