package io.teeio.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A small in-process benchmark loop: each operation is first run for a warm-up period (so the JIT has
 * compiled it), then in timed iterations; the result is the median iteration, which a burst of load from
 * other processes moves less than a mean. Operations compared with each other run their iterations in
 * turn, so a change of load during the run falls on both alike.
 */
final class Harness {

    /** One unit of work to time. */
    @FunctionalInterface
    interface Operation {
        void run() throws Exception;
    }

    private final LongSupplier nanoClock;
    private final long warmupNanos;
    private final long iterationNanos;
    private final int iterations;

    /**
     * @param nanoClock      a monotonic clock in nanoseconds ({@code System::nanoTime})
     * @param warmupNanos    how long each operation runs untimed first
     * @param iterationNanos how long each timed iteration lasts (at least one call, however long it takes)
     * @param iterations     timed iterations per operation, at least 1
     */
    Harness(LongSupplier nanoClock, long warmupNanos, long iterationNanos, int iterations) {
        if (warmupNanos < 0 || iterationNanos < 0 || iterations < 1) {
            throw new IllegalArgumentException("warm-up and iteration time must not be negative, iterations at least 1; got "
                    + warmupNanos + " ns, " + iterationNanos + " ns, " + iterations);
        }
        this.nanoClock = nanoClock;
        this.warmupNanos = warmupNanos;
        this.iterationNanos = iterationNanos;
        this.iterations = iterations;
    }

    /** Warm-up, then the timed iterations of {@code op}. */
    Measurement measure(Operation op) throws Exception {
        return measureInTurn(List.of(op)).get(0);
    }

    /** Warms up each operation, then runs iteration 1 of each, iteration 2 of each, and so on. */
    List<Measurement> measureInTurn(List<Operation> ops) throws Exception {
        for (Operation op : ops) {
            run(op, warmupNanos);
        }
        List<List<Timing>> timings = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            timings.add(new ArrayList<>());
        }
        for (int it = 0; it < iterations; it++) {
            for (int i = 0; i < ops.size(); i++) {
                timings.get(i).add(run(ops.get(i), iterationNanos));
            }
        }
        return timings.stream().map(Measurement::new).toList();
    }

    private Timing run(Operation op, long budgetNanos) throws Exception {
        long start = nanoClock.getAsLong();
        long now;
        long count = 0;
        do {
            op.run();
            count++;
            now = nanoClock.getAsLong();
        } while (now - start < budgetNanos);
        return new Timing(count, now - start);
    }

    /** {@code operations} calls took {@code nanos} in all. */
    record Timing(long operations, long nanos) {
        double millisPerOperation() {
            return nanos / 1e6 / operations;
        }
    }

    /** The timed iterations of one operation. */
    record Measurement(List<Timing> iterations) {
        Measurement {
            iterations = List.copyOf(iterations);
            if (iterations.isEmpty()) {
                throw new IllegalArgumentException("a measurement needs at least one iteration");
            }
        }

        /** The median iteration's milliseconds per operation. */
        double millisPerOperation() {
            double[] ms = iterations.stream().mapToDouble(Timing::millisPerOperation).sorted().toArray();
            int mid = ms.length / 2;
            return ms.length % 2 == 1 ? ms[mid] : (ms[mid - 1] + ms[mid]) / 2;
        }

        double perSecond() {
            return 1000 / millisPerOperation();
        }

        long operations() {
            return iterations.stream().mapToLong(Timing::operations).sum();
        }
    }
}
