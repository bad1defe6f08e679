package io.teeio.platform.fault;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultPlanTest {
    private static List<Boolean> firstN(FaultPlan plan, FaultPoint point, int n) {
        List<Boolean> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(plan.fires(point));
        }
        return out;
    }

    @Test
    void nthTriggerFiresOnceAtThatOccurrence() {
        FaultPlan plan = FaultPlan.builder(1).arm(FaultPoint.DOE_BUSY, FaultTrigger.nth(3)).build();
        assertEquals(List.of(false, false, true, false, false), firstN(plan, FaultPoint.DOE_BUSY, 5));
    }

    @Test
    void fromTriggerFiresAtThatOccurrenceAndEveryOneAfter() {
        FaultPlan plan = FaultPlan.builder(1).arm(FaultPoint.DOE_TIMEOUT, FaultTrigger.from(2)).build();
        assertEquals(List.of(false, true, true, true), firstN(plan, FaultPoint.DOE_TIMEOUT, 4));
    }

    @Test
    void unarmedPointNeverFiresButIsCounted() {
        FaultPlan plan = FaultPlan.builder(1).arm(FaultPoint.DOE_BUSY, FaultTrigger.always()).build();
        assertEquals(List.of(false, false), firstN(plan, FaultPoint.DOE_ABORT, 2));
        assertEquals(2, plan.occurrences(FaultPoint.DOE_ABORT));
    }

    @Test
    void probabilityTriggerReplaysTheSameWithTheSameSeed() {
        FaultPlan a = FaultPlan.builder(42).arm(FaultPoint.RESPONSE_NOT_READY, FaultTrigger.probability(0.5)).build();
        FaultPlan b = FaultPlan.builder(42).arm(FaultPoint.RESPONSE_NOT_READY, FaultTrigger.probability(0.5)).build();
        List<Boolean> runA = firstN(a, FaultPoint.RESPONSE_NOT_READY, 64);
        assertEquals(runA, firstN(b, FaultPoint.RESPONSE_NOT_READY, 64));
        assertTrue(runA.contains(true) && runA.contains(false), "p = 0.5 over 64 draws gives both outcomes");
    }

    @Test
    void firedFaultsAreRecordedWithTheirOccurrence() {
        FaultPlan plan = FaultPlan.builder(1).arm(FaultPoint.DOE_CORRUPT_OBJECT, FaultTrigger.nth(2)).build();
        firstN(plan, FaultPoint.DOE_CORRUPT_OBJECT, 3);
        assertEquals(List.of(new FaultPlan.Fired(FaultPoint.DOE_CORRUPT_OBJECT, 2)), plan.fired());
    }

    @Test
    void textFormArmsEachNamedFault() {
        FaultPlan plan = FaultPlan.parse("doe-busy@2, doe-timeout@3+, response-not-ready%1.0, ide-key-prog-failure", 7);
        assertEquals(List.of(false, true, false), firstN(plan, FaultPoint.DOE_BUSY, 3));
        assertEquals(List.of(false, false, true, true), firstN(plan, FaultPoint.DOE_TIMEOUT, 4));
        assertEquals(List.of(true, true), firstN(plan, FaultPoint.RESPONSE_NOT_READY, 2));
        assertEquals(List.of(true, false), firstN(plan, FaultPoint.IDE_KEY_PROG_FAILURE, 2));
        assertFalse(plan.isArmed(FaultPoint.DEVICE_RESET_MID_FLOW));
    }

    @Test
    void unknownFaultNameListsTheKnownNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FaultPlan.parse("doe-bsy", 1));
        assertTrue(e.getMessage().contains("doe-busy") && e.getMessage().contains("device-reset-mid-flow"),
                e.getMessage());
    }

    @Test
    void malformedOccurrenceIsRejectedWithTheExpectedForms() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FaultPlan.parse("doe-busy@x", 1));
        assertTrue(e.getMessage().contains("name@N"), e.getMessage());
    }

    @Test
    void armingAPointTwiceIsRejected() {
        FaultPlan.Builder b = FaultPlan.builder(1).arm(FaultPoint.DOE_BUSY, FaultTrigger.nth(1));
        assertThrows(IllegalArgumentException.class, () -> b.arm(FaultPoint.DOE_BUSY, FaultTrigger.nth(2)));
    }

    @Test
    void everyFaultPointHasADistinctStableName() {
        assertEquals(List.of("doe-busy", "doe-timeout", "doe-abort", "doe-corrupt-object", "response-not-ready",
                "device-reset-mid-flow", "ide-key-prog-failure", "root-port-key-prog-failure"),
                java.util.Arrays.stream(FaultPoint.values()).map(FaultPoint::cliName).toList());
        for (FaultPoint p : FaultPoint.values()) {
            assertEquals(p, FaultPoint.byName(p.cliName()));
        }
    }

    @Test
    void noneInjectorNeverFires() {
        for (FaultPoint p : FaultPoint.values()) {
            assertFalse(FaultInjector.NONE.fires(p));
        }
    }
}
