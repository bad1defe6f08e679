package io.teeio.cli.tsm;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Runs named steps in order, timing each and keeping what the device said; stops at the first failure. */
final class StepLog {
    /** One step's outcome. */
    record Step(String flow, String name, boolean ok, String detail, double millis) {
    }

    /** Thrown when a step fails; the failure is already recorded. */
    static final class StepFailed extends Exception {
        StepFailed(String message) {
            super(message);
        }
    }

    interface Action<T> {
        T run() throws Exception;
    }

    private final List<Step> steps = new ArrayList<>();
    private final StepListener listener;

    interface StepListener {
        void stepDone(Step step);
    }

    StepLog(StepListener listener) {
        this.listener = listener;
    }

    <T> T run(String flow, String name, Action<T> action, Function<T, String> detail) throws StepFailed {
        long start = System.nanoTime();
        T result;
        try {
            result = action.run();
        } catch (Exception e) {
            Step s = new Step(flow, name, false, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(),
                    (System.nanoTime() - start) / 1e6);
            steps.add(s);
            listener.stepDone(s);
            throw new StepFailed(flow + "/" + name + ": " + s.detail());
        }
        Step s = new Step(flow, name, true, detail.apply(result), (System.nanoTime() - start) / 1e6);
        steps.add(s);
        listener.stepDone(s);
        return result;
    }

    List<Step> steps() {
        return List.copyOf(steps);
    }

    boolean allOk() {
        return steps.stream().allMatch(Step::ok);
    }
}
