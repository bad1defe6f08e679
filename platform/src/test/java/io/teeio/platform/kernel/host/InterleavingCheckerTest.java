package io.teeio.platform.kernel.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.platform.kernel.BoundDevicePolicy;
import io.teeio.platform.kernel.HostPolicies;
import io.teeio.platform.kernel.RegionPolicy;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The exhaustive check of DESIGN.md: every interleaving up to a depth. The normal suite explores a small
 * alphabet to depth 3; {@code mvn -B verify -Dteeio.check.depth=5 -Dteeio.check.full=true -pl platform -am}
 * explores every operation deeper (minutes).
 */
class InterleavingCheckerTest {
    private static final int DEPTH = Integer.getInteger("teeio.check.depth", 3);
    private static final boolean FULL = Boolean.getBoolean("teeio.check.full");

    /** The calls the design question turns on: bind, unbind, start, a rival claim, host access, reset, close. */
    private static final List<UapiSequence.Op> CORE = List.of(UapiSequence.Op.CONNECT, UapiSequence.Op.BIND_VFIO,
            UapiSequence.Op.UNBIND_VFIO, UapiSequence.Op.GUEST_START, UapiSequence.Op.OTHER_DRIVER_CLAIM,
            UapiSequence.Op.DEVMEM_READ, UapiSequence.Op.RESET, UapiSequence.Op.CLOSE_DEVICE);

    /** With -Dteeio.check.full=true the heavy run says what it explored. */
    private static void report(String policies, InterleavingChecker.Result r) {
        if (FULL) {
            System.out.printf("interleavings %s: depth %d, %d operations, %d states, %d transitions, violations %s%n",
                    policies, DEPTH, alphabet().size(), r.states(), r.transitions(), r.violations());
        }
    }

    private static List<UapiSequence.Op> alphabet() {
        return FULL ? List.of(UapiSequence.Op.values()) : CORE;
    }

    @ParameterizedTest
    @EnumSource(BoundDevicePolicy.class)
    void underExclusiveAtOpenNoInterleavingBreaksAnInvariant(BoundDevicePolicy whileBound) {
        InterleavingChecker.Result r = InterleavingChecker.explore(
                new HostPolicies(RegionPolicy.EXCLUSIVE_AT_OPEN, whileBound), DEPTH, alphabet());
        report("EXCLUSIVE_AT_OPEN/" + whileBound, r);
        assertTrue(r.states() > 5 && r.transitions() > alphabet().size(), "explored " + r.states() + " states");
        assertEquals(List.of(), r.violations(), r.states() + " states, " + r.transitions() + " transitions");
    }

    @ParameterizedTest
    @EnumSource(BoundDevicePolicy.class)
    void underDynamicOnBindAnotherClaimantHoldsTheRegionsOfAnAssignedDevice(BoundDevicePolicy whileBound) {
        InterleavingChecker.Result r = InterleavingChecker.explore(
                new HostPolicies(RegionPolicy.DYNAMIC_ON_BIND, whileBound), DEPTH, alphabet());
        report("DYNAMIC_ON_BIND/" + whileBound, r);
        InterleavingChecker.Violation v = r.first("I5");
        assertNotNull(v, "the checker finds the race of the RFC's policy");
        assertTrue(v.path().contains(UapiSequence.Op.OTHER_DRIVER_CLAIM), v.toString());
        assertTrue(r.holds("I1"), "the TDI's MMIO is still never reached while locked: " + r.violations());
        assertTrue(r.holds("no ERROR"), r.violations().toString());
        assertFalse(r.violations().stream().anyMatch(x -> x.invariant().equals("locks")), r.violations().toString());
    }
}
