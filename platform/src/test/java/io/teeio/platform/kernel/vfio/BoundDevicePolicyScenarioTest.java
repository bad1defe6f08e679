package io.teeio.platform.kernel.vfio;

import static io.teeio.platform.kernel.testing.TestHost.VF1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.platform.kernel.BoundDevicePolicy;
import io.teeio.platform.kernel.Errno;
import io.teeio.platform.kernel.HostPolicies;
import io.teeio.platform.kernel.RegionPolicy;
import io.teeio.platform.kernel.TdispState;
import io.teeio.platform.kernel.pci.PowerState;
import io.teeio.platform.kernel.testing.Assigned;
import io.teeio.platform.kernel.testing.BindPath;
import io.teeio.platform.kernel.testing.TestHost;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Reset, MSE clear and D3 on a bound device: BLOCK_WHILE_BOUND refuses, IMPLICIT_UNBIND unbinds first. */
class BoundDevicePolicyScenarioTest {
    private TestHost host;

    private Assigned running(BoundDevicePolicy p, BindPath path) {
        host = TestHost.withPolicies(new HostPolicies(RegionPolicy.EXCLUSIVE_AT_OPEN, p));
        Assigned a = host.connectAndAssign();
        path.bind(a);
        a.start();
        return a;
    }

    @ParameterizedTest
    @EnumSource(BindPath.class)
    void blockWhileBoundRefusesVfioDeviceResetWithEbusyAndTheTdiStaysRun(BindPath path) {
        Assigned a = running(BoundDevicePolicy.BLOCK_WHILE_BOUND, path);
        host.assertFailsIntact(Errno.EBUSY, a.dev::vfioDeviceReset);
        assertEquals(TdispState.RUN, host.fn(VF1).tdispState());
    }

    @ParameterizedTest
    @EnumSource(BindPath.class)
    void blockWhileBoundRefusesClearingMemorySpaceEnableWithEbusy(BindPath path) {
        Assigned a = running(BoundDevicePolicy.BLOCK_WHILE_BOUND, path);
        host.assertFailsIntact(Errno.EBUSY, () -> a.dev.configWrite(4, 2, 0));
        assertEquals(TdispState.RUN, host.fn(VF1).tdispState());
    }

    @ParameterizedTest
    @EnumSource(BindPath.class)
    void blockWhileBoundRefusesLowPowerEntryWithEbusy(BindPath path) {
        Assigned a = running(BoundDevicePolicy.BLOCK_WHILE_BOUND, path);
        host.assertFailsIntact(Errno.EBUSY, () -> a.dev.vfioDeviceFeature(
                VfioDeviceFeature.set(VfioDeviceFeature.VFIO_DEVICE_FEATURE_LOW_POWER_ENTRY)));
        assertEquals(TdispState.RUN, host.fn(VF1).tdispState());
    }

    @ParameterizedTest
    @EnumSource(BindPath.class)
    void implicitUnbindResetsTheDeviceAfterUnbindingSoTheTdiEndsConfigUnlockedNeverError(BindPath path) {
        Assigned a = running(BoundDevicePolicy.IMPLICIT_UNBIND, path);
        int from = host.log.size();
        a.dev.vfioDeviceReset();
        assertEquals(TdispState.CONFIG_UNLOCKED, host.fn(VF1).tdispState());
        assertFalse(host.fn(VF1).everInError());
        assertFalse(host.vfio(VF1).isTsmBound());
        assertTrue(host.log.indexOf("TDISP RUN -> CONFIG_UNLOCKED", from) < host.log.indexOf(VF1 + " FLR", from));
    }

    @ParameterizedTest
    @EnumSource(BindPath.class)
    void implicitUnbindClearsMemorySpaceEnableAfterUnbinding(BindPath path) {
        Assigned a = running(BoundDevicePolicy.IMPLICIT_UNBIND, path);
        a.dev.configWrite(4, 2, 0);
        assertFalse(host.kernel.pci().device(VF1).memoryEnabled());
        assertEquals(TdispState.CONFIG_UNLOCKED, host.fn(VF1).tdispState());
        assertFalse(host.fn(VF1).everInError());
    }

    @ParameterizedTest
    @EnumSource(BindPath.class)
    void implicitUnbindEntersD3AfterUnbinding(BindPath path) {
        Assigned a = running(BoundDevicePolicy.IMPLICIT_UNBIND, path);
        a.dev.vfioDeviceFeature(VfioDeviceFeature.set(VfioDeviceFeature.VFIO_DEVICE_FEATURE_LOW_POWER_ENTRY));
        assertEquals(PowerState.D3HOT, host.fn(VF1).powerState());
        assertEquals(TdispState.CONFIG_UNLOCKED, host.fn(VF1).tdispState());
        assertFalse(host.fn(VF1).everInError());
    }

    @ParameterizedTest
    @EnumSource(BoundDevicePolicy.class)
    void neitherPolicyRebindsOnItsOwn(BoundDevicePolicy p) {
        Assigned a = running(p, BindPath.VFIO_DEVICE_TSM_BIND);
        BindPath.VFIO_DEVICE_TSM_BIND.unbind(a);
        a.dev.vfioDeviceReset();
        assertEquals(TdispState.CONFIG_UNLOCKED, host.fn(VF1).tdispState());
        assertFalse(host.vfio(VF1).isTsmBound());
    }

    @ParameterizedTest
    @EnumSource(BindPath.class)
    void bindingADeviceInLowPowerIsEinvalBecauseWakingItWouldResetTheLockedTdi(BindPath path) {
        host = TestHost.withPolicies(HostPolicies.DEFAULT);
        Assigned a = host.connectAndAssign();
        a.dev.vfioDeviceFeature(VfioDeviceFeature.set(VfioDeviceFeature.VFIO_DEVICE_FEATURE_LOW_POWER_ENTRY));
        host.assertFailsIntact(Errno.EINVAL, () -> path.bind(a));
        a.dev.vfioDeviceFeature(VfioDeviceFeature.set(VfioDeviceFeature.VFIO_DEVICE_FEATURE_LOW_POWER_EXIT));
        path.bind(a);
        assertEquals(TdispState.CONFIG_LOCKED, host.fn(VF1).tdispState());
    }
}
