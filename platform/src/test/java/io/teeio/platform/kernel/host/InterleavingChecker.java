package io.teeio.platform.kernel.host;

import io.teeio.platform.kernel.HostPolicies;
import io.teeio.platform.kernel.pci.ResourceClaim;
import io.teeio.platform.kernel.testing.TestHost;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Breadth-first exploration of every interleaving of uAPI calls (and host actors) up to a depth, on the
 * deterministic host model: each distinct state (kernel snapshot, hardware, the run's own fds) is reached by
 * the shortest path first and checked against the invariants, so a violation comes with a shortest
 * counterexample. States are rebuilt by replaying their path, which the model's determinism allows.
 */
final class InterleavingChecker {
    /** A broken invariant and the calls that lead to it. */
    record Violation(String invariant, List<UapiSequence.Op> path, String detail) {
        @Override
        public String toString() {
            return invariant + " after " + path + ": " + detail;
        }
    }

    record Result(int states, int transitions, List<Violation> violations) {
        boolean holds(String invariant) {
            return violations.stream().noneMatch(v -> v.invariant().equals(invariant));
        }

        Violation first(String invariant) {
            return violations.stream().filter(v -> v.invariant().equals(invariant)).findFirst().orElse(null);
        }
    }

    private record Key(TestHost.State state, List<Object> local) {
    }

    private InterleavingChecker() {
    }

    static Result explore(HostPolicies policies, int depth, List<UapiSequence.Op> alphabet) {
        Set<Key> seen = new HashSet<>();
        Deque<List<UapiSequence.Op>> frontier = new ArrayDeque<>();
        List<Violation> violations = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        frontier.add(List.of());
        int transitions = 0;
        while (!frontier.isEmpty()) {
            List<UapiSequence.Op> path = frontier.poll();
            UapiSequence run = new UapiSequence(policies);
            String broken = replay(run, path);
            Key key = new Key(run.host.state(), run.localState());
            if (!seen.add(key)) {
                continue;
            }
            List<Violation> found = new ArrayList<>();
            if (broken != null) {
                found.add(new Violation("model assertion", path, broken));
            }
            check(run, path, found);
            for (Violation v : found) {
                if (reported.add(v.invariant())) {
                    violations.add(v); // breadth first: the first one found is a shortest counterexample
                }
            }
            if (path.size() < depth) {
                for (UapiSequence.Op op : alphabet) {
                    List<UapiSequence.Op> next = new ArrayList<>(path);
                    next.add(op);
                    frontier.add(next);
                    transitions++;
                }
            }
        }
        return new Result(seen.size(), transitions, violations);
    }

    private static String replay(UapiSequence run, List<UapiSequence.Op> path) {
        try {
            for (UapiSequence.Op op : path) {
                run.apply(op);
            }
            return null;
        } catch (AssertionError e) {
            return e.getMessage();
        }
    }

    /**
     * I1: no host access reached the TDI's MMIO while it was CONFIG_LOCKED or RUN, and no TDI went to ERROR.
     * I5: while the VF's cdev is bound to iommufd, no claimant outside VFIO holds its regions.
     * Locks: no dev_set lock is left held.
     */
    private static void check(UapiSequence run, List<UapiSequence.Op> path, List<Violation> out) {
        TestHost host = run.host;
        var fn = host.fn(TestHost.VF1);
        if (!fn.violations().isEmpty()) {
            out.add(new Violation("I1", path, fn.violations().toString()));
        }
        if (fn.everInError()) {
            out.add(new Violation("no ERROR", path, fn.tdispHistory().toString()));
        }
        var vfio = host.vfio(TestHost.VF1);
        List<ResourceClaim> claims = host.kernel.pci().claimsOf(host.kernel.pci().device(TestHost.VF1));
        if (vfio.isBoundToIommufd() && claims.stream().anyMatch(c -> !c.owner().startsWith("vfio-pci"))) {
            out.add(new Violation("I5", path, "the device is assigned but " + claims + " hold its regions"));
        }
        for (var d : host.kernel.vfioPci().devices()) {
            if (d.devSetLock().isHeld()) {
                out.add(new Violation("locks", path, d.devSetLock().name() + " held"));
            }
        }
    }
}
