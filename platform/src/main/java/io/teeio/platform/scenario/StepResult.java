package io.teeio.platform.scenario;

import io.teeio.pcie.tdisp.TdiState;
import io.teeio.trace.TraceEvent;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one step did, and whether that is what its line expected.
 *
 * @param tdiState the current CVM's TDI state after the action, as the device holds it (empty without a CVM)
 * @param unmet    why the expectation was not met; empty when met or when the line has none
 * @param events   the trace events the step caused, in order
 */
public record StepResult(Step step, Outcome outcome, Optional<TdiState> tdiState, Optional<String> unmet,
        List<TraceEvent> events) {
    public StepResult {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(tdiState, "tdiState");
        Objects.requireNonNull(unmet, "unmet");
        events = List.copyOf(events);
    }

    public boolean met() {
        return unmet.isEmpty();
    }

    /** A failure on a line with no expectation: the scenario cannot sensibly go on. */
    public boolean stops() {
        return step.expectation().isEmpty() && outcome.isFailure();
    }
}
