package io.teeio.platform.kernel.vfio;

import static io.teeio.platform.kernel.testing.TestHost.VF1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.platform.kernel.BoundDevicePolicy;
import io.teeio.platform.kernel.Errno;
import io.teeio.platform.kernel.HostPolicies;
import io.teeio.platform.kernel.RegionPolicy;
import io.teeio.platform.kernel.pci.IomemMapping;
import io.teeio.platform.kernel.pci.OtherKernelDriver;
import io.teeio.platform.kernel.pci.ResourceClaim;
import io.teeio.platform.kernel.testing.Assigned;
import io.teeio.platform.kernel.testing.BindPath;
import io.teeio.platform.kernel.testing.TestHost;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The design question (DESIGN.md): what happens to a still-assigned device's regions between TSM unbind and the
 * next bind. DYNAMIC_ON_BIND (the RFC) lets other claimants in; EXCLUSIVE_AT_OPEN (the resolution) does not.
 */
class RegionPolicyScenarioTest {
    private static TestHost host(RegionPolicy p) {
        return TestHost.withPolicies(new HostPolicies(p, BoundDevicePolicy.BLOCK_WHILE_BOUND));
    }

    @ParameterizedTest
    @EnumSource(BindPath.class)
    void dynamicOnBindLetsAnotherDriverClaimTheRegionsBetweenUnbindAndBindSoTheNextBindIsEbusy(BindPath path) {
        TestHost host = host(RegionPolicy.DYNAMIC_ON_BIND);
        Assigned a = host.connectAndAssign();
        path.bind(a);
        path.unbind(a);
        OtherKernelDriver other = new OtherKernelDriver(host.kernel.pci(), "nosy_drv");
        assertTrue(other.mmioRead(VF1, 0, 0, 4).reached(), "the other driver got the still-assigned device's BAR");
        host.assertFailsIntact(Errno.EBUSY, () -> path.bind(a));
    }

    @ParameterizedTest
    @EnumSource(BindPath.class)
    void dynamicOnBindLetsDevMemAndSysfsReachTheStillAssignedDeviceBetweenUnbindAndBind(BindPath path) {
        TestHost host = host(RegionPolicy.DYNAMIC_ON_BIND);
        Assigned a = host.connectAndAssign();
        path.bind(a);
        assertFalse(host.kernel.devMem().read(host.bar0(VF1).address(), 4).reached());
        path.unbind(a);
        assertTrue(host.kernel.devMem().read(host.bar0(VF1).address(), 4).reached());
        assertTrue(host.kernel.sysfsResource().read(VF1, 0, 0, 4).reached());
        assertTrue(host.vfio(VF1).isBoundToIommufd(), "the device is still assigned");
    }

    @ParameterizedTest
    @EnumSource(BindPath.class)
    void exclusiveAtOpenKeepsEveryOtherClaimantAndHostPathOutBetweenUnbindAndBind(BindPath path) {
        TestHost host = host(RegionPolicy.EXCLUSIVE_AT_OPEN);
        Assigned a = host.connectAndAssign();
        path.bind(a);
        path.unbind(a);
        OtherKernelDriver other = new OtherKernelDriver(host.kernel.pci(), "nosy_drv");
        assertFalse(other.mmioRead(VF1, 0, 0, 4).reached());
        assertFalse(host.kernel.devMem().read(host.bar0(VF1).address(), 4).reached());
        assertFalse(host.kernel.sysfsResource().read(VF1, 0, 0, 4).reached());
        path.bind(a);
        assertTrue(host.vfio(VF1).isTsmBound());
        assertTrue(host.fn(VF1).hostAccesses().isEmpty(), host.fn(VF1).hostAccesses().toString());
    }

    @ParameterizedTest
    @EnumSource(BindPath.class)
    void exclusiveAtOpenLeavesNoClaimantOutsideVfioAtAnyPointFromOpenToClose(BindPath path) {
        TestHost host = host(RegionPolicy.EXCLUSIVE_AT_OPEN);
        OtherKernelDriver other = new OtherKernelDriver(host.kernel.pci(), "nosy_drv");
        Consumer<String> check = step -> {
            List<ResourceClaim> claims = host.kernel.pci().claimsOf(host.kernel.pci().device(VF1));
            assertEquals(2, claims.size(), step);
            assertTrue(claims.stream().allMatch(c -> c.owner().equals("vfio-pci") && c.exclusive()), step + claims);
            assertFalse(other.mmioRead(VF1, 2, 0, 4).reached(), step);
            assertFalse(host.kernel.devMem().read(host.bar0(VF1).address(), 4).reached(), step);
        };
        Assigned a = host.connectAndAssign();
        check.accept("after assign");
        path.bind(a);
        check.accept("after bind");
        a.start();
        check.accept("after start");
        path.unbind(a);
        check.accept("after unbind");
        a.dev.vfioDeviceReset();
        check.accept("after reset");
        path.bind(a);
        check.accept("after rebind");
        a.ictx.close();
        check.accept("after iommufd close");
        a.vm.kvmDevVfioFileDel(a.dev);
        a.dev.close();
        assertTrue(host.kernel.pci().claimsOf(host.kernel.pci().device(VF1)).isEmpty());
    }

    @ParameterizedTest
    @EnumSource(RegionPolicy.class)
    void anExclusiveClaimRevokesAnEarlierDevMemMapping(RegionPolicy policy) {
        TestHost host = host(policy);
        host.connect();
        IomemMapping m = host.kernel.devMem().mmap(host.bar0(VF1).address(), 0x1000);
        assertTrue(m.read(0, 4).reached());
        Assigned a = host.assign(VF1, io.teeio.platform.kernel.testing.AssignOptions.DEFAULT);
        BindPath.VFIO_DEVICE_TSM_BIND.bind(a);
        assertTrue(m.isRevoked());
        assertFalse(m.read(0, 4).reached());
        assertTrue(host.fn(VF1).violations().isEmpty());
    }
}
