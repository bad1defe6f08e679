package io.teeio.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class HarnessTest {

    /** A clock that moves {@code step} nanoseconds each time it is read. */
    private static LongSupplier steppingClock(long step) {
        long[] now = {0};
        return () -> now[0] += step;
    }

    @Test
    void warmUpCallsAreNotCountedInTheTimedIterations() throws Exception {
        // Each call reads the clock once after it: 10 ns per call, 100 ns of warm-up, 3 iterations of 50 ns.
        Harness h = new Harness(steppingClock(10), 100, 50, 3);
        int[] calls = {0};
        Harness.Measurement m = h.measure(() -> calls[0]++);
        assertEquals(3, m.iterations().size());
        assertTrue(calls[0] > m.operations(), "warm-up ran calls that the measurement leaves out");
        assertEquals(calls[0] - 10, m.operations(), "100 ns of warm-up at 10 ns per call");
    }

    @Test
    void comparedOperationsRunTheirIterationsInTurnAfterWarmingUpEach() throws Exception {
        Harness h = new Harness(steppingClock(1), 0, 0, 2);
        List<String> order = new ArrayList<>();
        h.measureInTurn(List.of(() -> order.add("A"), () -> order.add("B")));
        assertEquals(List.of("A", "B", "A", "B", "A", "B"), order);
    }

    @Test
    void theMedianIterationIsReportedSoOneSlowIterationDoesNotMoveIt() {
        Harness.Measurement m = new Harness.Measurement(List.of(new Harness.Timing(1, 1_000_000),
                new Harness.Timing(1, 100_000_000), new Harness.Timing(1, 2_000_000)));
        assertEquals(2.0, m.millisPerOperation(), 1e-9);
        assertEquals(500.0, m.perSecond(), 1e-9);
    }

    @Test
    void everyIterationRunsAtLeastOnceHoweverShortTheBudget() throws Exception {
        Harness h = new Harness(steppingClock(1_000), 0, 1, 4);
        Harness.Measurement m = h.measure(() -> { });
        assertEquals(4, m.operations());
    }

    @Test
    void aNegativeBudgetOrNoIterationsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Harness(System::nanoTime, -1, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> new Harness(System::nanoTime, 0, 10, 0));
    }
}
