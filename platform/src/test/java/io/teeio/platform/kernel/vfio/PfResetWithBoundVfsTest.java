package io.teeio.platform.kernel.vfio;

import static io.teeio.platform.kernel.testing.TestHost.PF0;
import static io.teeio.platform.kernel.testing.TestHost.VF1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.teeio.platform.kernel.BoundDevicePolicy;
import io.teeio.platform.kernel.Errno;
import io.teeio.platform.kernel.HostPolicies;
import io.teeio.platform.kernel.RegionPolicy;
import io.teeio.platform.kernel.TdispState;
import io.teeio.platform.kernel.testing.AssignOptions;
import io.teeio.platform.kernel.testing.Assigned;
import io.teeio.platform.kernel.testing.BindPath;
import io.teeio.platform.kernel.testing.TestHost;
import org.junit.jupiter.api.Test;

/** A PF's FLR reaches its VFs, so resetting or closing a PF applies the bound-device policy to its VFs' TDIs. */
class PfResetWithBoundVfsTest {
    private TestHost host;
    private Assigned pf;
    private Assigned vf;

    private void setUp(BoundDevicePolicy p) {
        host = TestHost.withPolicies(new HostPolicies(RegionPolicy.EXCLUSIVE_AT_OPEN, p));
        host.connect();
        vf = host.assign(VF1, AssignOptions.DEFAULT);
        pf = host.assign(PF0, AssignOptions.DEFAULT);
        BindPath.VFIO_DEVICE_TSM_BIND.bind(vf);
        vf.start();
    }

    @Test
    void blockWhileBoundRefusesResettingAPfWhoseVfTdiIsBoundEbusy() {
        setUp(BoundDevicePolicy.BLOCK_WHILE_BOUND);
        host.assertFailsIntact(Errno.EBUSY, pf.dev::vfioDeviceReset);
        assertEquals(TdispState.RUN, host.fn(VF1).tdispState());
    }

    @Test
    void implicitUnbindUnbindsTheVfTdiBeforeThePfIsReset() {
        setUp(BoundDevicePolicy.IMPLICIT_UNBIND);
        pf.dev.vfioDeviceReset();
        assertEquals(TdispState.CONFIG_UNLOCKED, host.fn(VF1).tdispState());
        assertFalse(host.fn(VF1).everInError());
        assertFalse(host.vfio(VF1).isTsmBound());
    }

    @Test
    void closingAPfUnbindsItsVfsTdisBeforeItsResetUnderEitherPolicy() {
        for (BoundDevicePolicy p : BoundDevicePolicy.values()) {
            setUp(p);
            pf.vm.kvmDevVfioFileDel(pf.dev);
            pf.dev.close();
            assertFalse(host.fn(VF1).everInError(), p.toString());
            assertFalse(host.vfio(VF1).isTsmBound(), p.toString());
            host.assertNoLockHeld();
        }
    }

    @Test
    void aVfCannotBeBoundWhileItsPfIsInLowPowerEinval() {
        host = TestHost.defaults();
        host.connect();
        vf = host.assign(VF1, AssignOptions.DEFAULT);
        pf = host.assign(PF0, AssignOptions.DEFAULT);
        pf.dev.vfioDeviceFeature(VfioDeviceFeature.set(VfioDeviceFeature.VFIO_DEVICE_FEATURE_LOW_POWER_ENTRY));
        host.assertFailsIntact(Errno.EINVAL, () -> BindPath.VFIO_DEVICE_TSM_BIND.bind(vf));
    }
}
