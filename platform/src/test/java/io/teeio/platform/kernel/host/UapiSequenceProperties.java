package io.teeio.platform.kernel.host;

import static io.teeio.platform.kernel.testing.TestHost.VF1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.platform.kernel.BoundDevicePolicy;
import io.teeio.platform.kernel.HostPolicies;
import io.teeio.platform.kernel.KernelException;
import io.teeio.platform.kernel.RegionPolicy;
import io.teeio.platform.kernel.TdispState;
import io.teeio.platform.kernel.pci.ResourceClaim;
import io.teeio.platform.kernel.testing.TestHost;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random sequences of uAPI calls under every policy: after each call no lock is held, a failed call changed
 * nothing, no host access reached a locked TDI (I1), no TDI went to ERROR, KVM saw no ordering violation, and
 * under EXCLUSIVE_AT_OPEN nobody outside VFIO held the regions while the cdev was bound (I5). Closing everything
 * at the end leaks nothing (I4). The same sequence always gives the same state and trace.
 */
class UapiSequenceProperties {

    @Provide
    Arbitrary<HostPolicies> policies() {
        return Arbitraries.of(
                new HostPolicies(RegionPolicy.EXCLUSIVE_AT_OPEN, BoundDevicePolicy.BLOCK_WHILE_BOUND),
                new HostPolicies(RegionPolicy.EXCLUSIVE_AT_OPEN, BoundDevicePolicy.IMPLICIT_UNBIND),
                new HostPolicies(RegionPolicy.DYNAMIC_ON_BIND, BoundDevicePolicy.BLOCK_WHILE_BOUND),
                new HostPolicies(RegionPolicy.DYNAMIC_ON_BIND, BoundDevicePolicy.IMPLICIT_UNBIND));
    }

    @Provide
    Arbitrary<List<UapiSequence.Op>> ops() {
        return Arbitraries.of(UapiSequence.Op.class).list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 300)
    void everyCallKeepsTheInvariantsAndClosingEverythingLeaksNothing(@ForAll("policies") HostPolicies policies,
            @ForAll("ops") List<UapiSequence.Op> ops) {
        UapiSequence run = new UapiSequence(policies);
        TestHost host = run.host;
        for (UapiSequence.Op op : ops) {
            TestHost.State before = host.state();
            KernelException failed = run.apply(op);
            if (failed != null) {
                assertEquals(before, host.state(), op + " failed (" + failed.getMessage() + ") but changed state");
            }
            checkInvariants(run, op);
        }
        run.closeAll();
        checkInvariants(run, null);
        assertEquals(List.of(), host.kernel.leaks(), "after " + ops);
        assertEquals(TdispState.CONFIG_UNLOCKED, host.fn(VF1).tdispState());
    }

    private static void checkInvariants(UapiSequence run, UapiSequence.Op op) {
        TestHost host = run.host;
        String after = "after " + op;
        host.assertNoLockHeld();
        assertTrue(host.fn(VF1).violations().isEmpty(), after + ": " + host.fn(VF1).violations());
        assertFalse(host.fn(VF1).everInError(), after + ": " + host.fn(VF1).tdispHistory());
        assertTrue(run.a.vm.vm().warnings().isEmpty(), after + ": " + run.a.vm.vm().warnings());
        var vfio = host.vfio(VF1);
        List<ResourceClaim> claims = host.kernel.pci().claimsOf(host.kernel.pci().device(VF1));
        if (vfio.isTsmBound()) {
            assertTrue(claims.stream().allMatch(c -> c.exclusive() && c.owner().startsWith("vfio-pci")),
                    after + ": bound with " + claims);
        }
        if (host.kernel.policies().regions() == RegionPolicy.EXCLUSIVE_AT_OPEN && vfio.isBoundToIommufd()) {
            assertTrue(claims.stream().allMatch(c -> c.owner().equals("vfio-pci")), after + ": " + claims);
        }
    }

    @Property(tries = 40)
    void theSameSequenceAlwaysGivesTheSameSnapshotAndTrace(@ForAll("policies") HostPolicies policies,
            @ForAll("ops") List<UapiSequence.Op> ops) {
        UapiSequence first = new UapiSequence(policies);
        UapiSequence second = new UapiSequence(policies);
        for (UapiSequence.Op op : ops) {
            first.apply(op);
            second.apply(op);
        }
        assertEquals(first.host.kernel.snapshot(), second.host.kernel.snapshot());
        assertEquals(first.host.events(), second.host.events());
    }
}
