package io.teeio.platform.kernel.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.teeio.platform.kernel.Bdf;
import io.teeio.platform.kernel.Errno;
import io.teeio.platform.kernel.HostPolicies;
import io.teeio.platform.kernel.KernelException;
import io.teeio.platform.kernel.RegionPolicy;
import io.teeio.platform.kernel.host.HostKernel;
import io.teeio.platform.kernel.host.HostKernelSnapshot;
import io.teeio.platform.kernel.pci.BarInfo;
import io.teeio.platform.kernel.pcitsm.PciTsmOps;
import io.teeio.platform.kernel.pcitsm.TsmDev;
import io.teeio.platform.kernel.vfio.VfioPci;
import io.teeio.platform.kernel.vfio.VfioPciCoreDevice;
import io.teeio.trace.RecordingSink;
import io.teeio.trace.TraceEvent;
import io.teeio.trace.Tracer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.function.Executable;

/**
 * A host with a TEE-IO device in slot 01:00 (PF0 = DSM with CMA DOE, IDE and TEE; two VFs with two BARs each), a
 * TEE-capable function without DOE at 02:00.0, a plain function at 03:00.0, and the fake TSM registered as tsm0.
 */
public final class TestHost {
    public static final Bdf PF0 = Bdf.of(1, 0, 0);
    public static final Bdf VF1 = Bdf.of(1, 0, 1);
    public static final Bdf VF2 = Bdf.of(1, 0, 2);
    public static final Bdf NO_DOE = Bdf.of(2, 0, 0);
    public static final Bdf PLAIN = Bdf.of(3, 0, 0);

    public final HwLog log = new HwLog();
    public final RecordingSink sink = new RecordingSink();
    public final HostKernel kernel;
    public final FakeLinkTsm tsm;
    public final TsmDev tsmDev;
    private final Map<Bdf, FakePciFunction> fns = new TreeMap<>();

    public TestHost(HostPolicies policies) {
        kernel = new HostKernel(policies, new Tracer(sink, () -> 0L));
        FakePciFunction pf0 = fn(PF0, null, true, true, true, new BarInfo(0, 0xF0_0000_0000L, 0x20_0000, true, true));
        FakePciFunction vf1 = fn(VF1, PF0, false, false, true, new BarInfo(0, 0xF0_0020_0000L, 0x1_0000, true, true),
                new BarInfo(2, 0xF0_0022_0000L, 0x4000, true, false));
        FakePciFunction vf2 = fn(VF2, PF0, false, false, true, new BarInfo(0, 0xF0_0030_0000L, 0x1_0000, true, true),
                new BarInfo(2, 0xF0_0032_0000L, 0x4000, true, false));
        pf0.addVf(vf1);
        pf0.addVf(vf2);
        fn(NO_DOE, null, false, true, true, new BarInfo(0, 0xE0_0000_0000L, 0x10_0000, true, true));
        fn(PLAIN, null, false, false, false, new BarInfo(0, 0xD0_0000_0000L, 0x10_0000, true, false));
        fns.values().forEach(kernel.pci()::add);
        tsm = new FakeLinkTsm(log, List.copyOf(fns.values()));
        tsmDev = kernel.pciTsm().register(PciTsmOps.link(tsm));
    }

    public static TestHost withPolicies(HostPolicies p) {
        return new TestHost(p);
    }

    public static TestHost defaults() {
        return new TestHost(HostPolicies.DEFAULT);
    }

    private FakePciFunction fn(Bdf bdf, Bdf pf, boolean doe, boolean ide, boolean tee, BarInfo... bars) {
        FakePciFunction f = new FakePciFunction(bdf, pf, doe, ide, tee, List.of(bars), log);
        fns.put(bdf, f);
        return f;
    }

    public FakePciFunction fn(Bdf bdf) {
        return fns.get(bdf);
    }

    public BarInfo bar0(Bdf bdf) {
        return fn(bdf).bars().get(0);
    }

    /** echo tsm0 > 0000:01:00.0/tsm/connect. */
    public void connect() {
        kernel.pciTsm().sysfs(PF0).writeConnect("tsm0\n");
    }

    /** Connect, then assign VF1 to a CVM with the default options. */
    public Assigned connectAndAssign() {
        connect();
        return assign(VF1, AssignOptions.DEFAULT);
    }

    public Assigned assign(Bdf bdf, AssignOptions options) {
        boolean exclusive = options.exclusiveRangesOption() && kernel.policies().regions() == RegionPolicy.EXCLUSIVE_AT_OPEN;
        return Assigned.assign(this, bdf, options.withExclusive(exclusive));
    }

    public VfioPciCoreDevice vfio(Bdf bdf) {
        return kernel.vfioPci().device(bdf);
    }

    public void bindVfioPci(Bdf bdf) {
        if (!VfioPci.NAME.equals(kernel.pci().device(bdf).driverName())) {
            kernel.pci().bindDriver(bdf, VfioPci.NAME);
        }
    }

    /** Kernel snapshot plus the fake hardware's state: what "a failed call leaves state intact" compares. */
    public record State(HostKernelSnapshot kernel, List<String> hardware) {
    }

    public State state() {
        return new State(kernel.snapshot(), fns.values().stream().map(FakePciFunction::stateSummary).toList());
    }

    /** Asserts that {@code call} fails with {@code errno} and changes nothing, and that no lock is left held. */
    public KernelException assertFailsIntact(Errno errno, Executable call) {
        State before = state();
        KernelException e = assertThrows(KernelException.class, call);
        assertEquals(errno, e.errno(), e.getMessage());
        assertEquals(before, state(), "a failed call must leave the state intact: " + e.getMessage());
        assertNoLockHeld();
        return e;
    }

    public void assertNoLockHeld() {
        for (VfioPciCoreDevice d : kernel.vfioPci().devices()) {
            assertFalse(d.devSetLock().isHeld(), d.devSetLock().name() + " held by " + d.devSetLock().holder());
        }
    }

    /** Trace events of the kernel layer, in order. */
    public List<TraceEvent> events() {
        return sink.events();
    }

    /** Position of the first trace event whose action contains {@code action} (and actor {@code actor}). */
    public int eventIndex(String actorPart, String action) {
        List<TraceEvent> es = sink.events();
        for (int i = 0; i < es.size(); i++) {
            if (es.get(i).actor().contains(actorPart) && es.get(i).action().contains(action)) {
                return i;
            }
        }
        return -1;
    }

    public int eventIndexAfter(int from, String actorPart, String action) {
        List<TraceEvent> es = sink.events();
        for (int i = from + 1; i < es.size(); i++) {
            if (es.get(i).actor().contains(actorPart) && es.get(i).action().contains(action)) {
                return i;
            }
        }
        return -1;
    }
}
