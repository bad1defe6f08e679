package io.teeio.platform.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.pcie.tdisp.TdiState;
import io.teeio.platform.device.EndpointSpec;
import io.teeio.platform.dsm.EmulatedDevice;
import io.teeio.platform.kernel.Errno;
import io.teeio.trace.TraceEvent;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ScenarioRunnerTest {
    private static ScenarioRunner runner;

    @BeforeAll
    static void oneIdentityForAllMachines() {
        runner = ScenarioRunner.withIdentity(EmulatedDevice.generateIdentity(EndpointSpec.builder().build().identity(),
                1));
    }

    private static ScenarioResult run(String text) throws ScenarioParseException {
        return runner.run(ScenarioParser.parse("t.tsc", text));
    }

    private static boolean hasAction(List<TraceEvent> events, String action) {
        return events.stream().anyMatch(e -> e.action().equals(action));
    }

    @Test
    void aFailureOnALineWithoutExpectationStopsTheRunThere() throws Exception {
        ScenarioResult r = run("cvm A on vf 1\nbind\nopen\n");
        assertEquals(1, r.steps().size(), "the step after the failure did not run");
        assertEquals(2, r.stoppedAt().orElseThrow().step().line());
        assertFalse(r.passed());
        assertTrue(r.verdict().startsWith("scenario FAILED: stopped at line 2 (bind): error: CVM A is not open"),
                r.verdict());
    }

    @Test
    void anUnmetExpectationIsReportedAndTheRunGoesOn() throws Exception {
        ScenarioResult r = run("cvm A on vf 1\nopen => EBUSY\nhost-mmio dev-mem => refused\nclose\n");
        assertEquals(3, r.steps().size());
        StepResult unmet = r.firstUnmet().orElseThrow();
        assertEquals(2, unmet.step().line());
        assertEquals(Optional.of("expected EBUSY, got ok"), unmet.unmet());
        assertTrue(r.steps().get(1).met());
        assertFalse(r.passed());
        assertTrue(r.verdict().startsWith("scenario FAILED: line 2 (open => EBUSY): expected EBUSY, got ok"),
                r.verdict());
    }

    @Test
    void aRunWithEveryExpectationMetPassesCountingItsSteps() throws Exception {
        ScenarioResult r = run("cvm A on vf 1\nopen\nstate => state CONFIG_UNLOCKED\nclose\nleaks => ok\n");
        assertTrue(r.passed(), r.verdict());
        assertEquals("scenario PASSED (4 steps, all expectations met)", r.verdict());
    }

    @Test
    void aHostAccessRefusedByTheKernelCarriesItsErrno() throws Exception {
        ScenarioResult r = run("cvm A on vf 1\nopen\nhost-mmio dev-mem => EPERM\nhost-claim => EBUSY\nclose\n");
        assertTrue(r.passed(), r.verdict());
        Outcome devMem = r.steps().get(1).outcome();
        assertEquals(Outcome.Kind.REFUSED, devMem.kind());
        assertEquals(Optional.of(Errno.EPERM), devMem.errno());
    }

    @Test
    void theErrnoOfARefusalIsReadFromTheKernelsMessageForm() {
        assertEquals(Optional.of(Errno.EPERM),
                ScenarioRun.errnoIn("read /dev/mem: EPERM (range claimed exclusively by vfio-pci)"));
        assertEquals(Optional.of(Errno.EIO), ScenarioRun.errnoIn("pread BAR0: EIO (EIO: memory space disabled)"));
        assertEquals(Optional.empty(), ScenarioRun.errnoIn("SIGBUS: BAR mmaps revoked while the TDI is bound"));
    }

    @Test
    void eachStepHoldsTheTraceEventsItCausedAndNoOther() throws Exception {
        ScenarioResult r = run("cvm A on vf 1\nopen\nhost-mmio dev-mem => refused\n");
        assertTrue(hasAction(r.setupEvents(), "BOOT"), "building the machine is traced before the first step");
        assertTrue(hasAction(r.steps().get(0).events(), "VFIO_DEVICE_BIND_IOMMUFD"));
        assertFalse(hasAction(r.steps().get(1).events(), "VFIO_DEVICE_BIND_IOMMUFD"));
        assertTrue(hasAction(r.steps().get(1).events(), "MMIO access refused"));
        List<Long> seqs = r.events().stream().map(TraceEvent::seq).toList();
        assertEquals(LongStream.rangeClosed(1, seqs.size()).boxed().toList(), seqs, "every event once, in order");
    }

    @Test
    void theSameScenarioReplaysTheSameTrace() throws Exception {
        String text = "seed 9\ncvm A on vf 2\nconnect\nopen\nbind\nattest => ok\nclose\ndisconnect\n";
        assertEquals(run(text).events(), run(text).events());
    }

    @Test
    void useMakesAnotherDeclaredCvmTheOneActionsAndStatesReferTo() throws Exception {
        ScenarioResult r = run("""
                cvm A on vf 1
                cvm B on vf 2
                open
                use B
                open
                state => state CONFIG_UNLOCKED
                close
                use A
                close
                leaks => ok
                """);
        assertTrue(r.passed(), r.verdict());
        assertTrue(r.steps().get(3).outcome().detail().startsWith("TDI of 0000:01:00.2 (VF 2)"),
                r.steps().get(3).outcome().detail());
    }

    @Test
    void openingACvmTwiceFailsSayingItIsOpen() throws Exception {
        ScenarioResult r = run("cvm A on vf 1\nopen\nopen => error\nclose\n");
        assertTrue(r.passed(), r.verdict());
        assertEquals("CVM A is already open", r.steps().get(1).outcome().detail());
    }

    @Test
    void aScenarioWithoutCvmsHasNoTdiStateAfterItsSteps() throws Exception {
        ScenarioResult r = run("leaks => ok\n");
        assertEquals(Optional.empty(), r.steps().get(0).tdiState());
        assertTrue(r.passed(), r.verdict());
    }

    @Test
    void theStateAfterEachStepIsTheDevicesViewOfTheCurrentTdi() throws Exception {
        ScenarioResult r = run("cvm A on vf 1\nconnect\nopen\nbind\nunbind\nclose\ndisconnect\n");
        assertEquals(List.of(TdiState.CONFIG_UNLOCKED, TdiState.CONFIG_UNLOCKED, TdiState.CONFIG_LOCKED,
                TdiState.CONFIG_UNLOCKED, TdiState.CONFIG_UNLOCKED, TdiState.CONFIG_UNLOCKED),
                r.steps().stream().map(s -> s.tdiState().orElseThrow()).toList());
    }

    @Test
    void onlyEventsThatMoveSomethingToErrorCountAsTdiErrors() {
        TraceEvent toError = new TraceEvent(7, 0, "pcie", "DSM", "", "FLR", "InterfaceId[0x101]", "RUN", "ERROR");
        TraceEvent stillError = new TraceEvent(8, 0, "pcie", "DSM", "", "GET_STATE", "", "ERROR", "ERROR");
        TraceEvent fine = new TraceEvent(9, 0, "pcie", "DSM", "", "STOP", "", "ERROR", "CONFIG_UNLOCKED");
        assertEquals(List.of("#7 DSM FLR (InterfaceId[0x101])"),
                ScenarioRun.tdiErrors(List.of(toError, stillError, fine)));
    }

    @Test
    void theTamperedDevicesMeasurementIsWhatTheGuestRefuses() throws Exception {
        ScenarioResult r = run("tamper measurements\ncvm A on vf 1\nconnect\nopen\nbind\nattest => refused\n");
        assertTrue(r.passed(), r.verdict());
        String reasons = r.steps().get(3).outcome().detail();
        assertTrue(reasons.contains("measurement 2 is "), reasons);
        Set<String> others = new HashSet<>(List.of("measurement 1 is", "certificate chain", "interface report"));
        others.forEach(o -> assertFalse(reasons.contains(o), reasons));
    }
}
