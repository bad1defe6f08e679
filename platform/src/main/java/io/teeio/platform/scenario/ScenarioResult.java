package io.teeio.platform.scenario;

import io.teeio.trace.TraceEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A scenario's run: the events of building the machine, then one result per step that ran. A run stops at
 * the first step that failed without an expectation; the steps after it did not run.
 */
public record ScenarioResult(Scenario scenario, List<TraceEvent> setupEvents, List<StepResult> steps) {
    public ScenarioResult {
        Objects.requireNonNull(scenario, "scenario");
        setupEvents = List.copyOf(setupEvents);
        steps = List.copyOf(steps);
    }

    /** The step that stopped the run, if one did. */
    public Optional<StepResult> stoppedAt() {
        return steps.stream().filter(StepResult::stops).findFirst();
    }

    public Optional<StepResult> firstUnmet() {
        return steps.stream().filter(s -> !s.met()).findFirst();
    }

    /** Every step ran and every expectation was met. */
    public boolean passed() {
        return steps.size() == scenario.steps().size() && stoppedAt().isEmpty() && firstUnmet().isEmpty();
    }

    /** Every trace event of the run, in order. */
    public List<TraceEvent> events() {
        List<TraceEvent> all = new ArrayList<>(setupEvents);
        steps.forEach(s -> all.addAll(s.events()));
        return all;
    }

    /** One sentence: passed with the count, or the first unmet expectation, or where the run stopped. */
    public String verdict() {
        Optional<StepResult> stop = stoppedAt();
        String stopped = stop.map(s -> "stopped at line " + s.step().line() + " (" + s.step().text() + "): "
                + s.outcome() + "; the line has no expectation, so the scenario could not go on").orElse("");
        Optional<StepResult> unmet = firstUnmet();
        if (unmet.isPresent()) {
            StepResult s = unmet.get();
            return "scenario FAILED: line " + s.step().line() + " (" + s.step().text() + "): " + s.unmet().get()
                    + " [" + s.outcome() + "]" + (stopped.isEmpty() ? "" : "; then " + stopped);
        }
        if (!stopped.isEmpty()) {
            return "scenario FAILED: " + stopped;
        }
        return "scenario PASSED (" + steps.size() + " steps, all expectations met)";
    }
}
