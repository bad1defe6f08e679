package io.teeio.platform.scenario;

import java.util.Objects;
import java.util.Optional;

/** One action line: where it is, what to do, and what must come of it (if the line says). */
public record Step(int line, Action action, Optional<Expectation> expectation) {
    public Step {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(expectation, "expectation");
    }

    /** The line as the scenario language writes it. */
    public String text() {
        return action.text() + expectation.map(e -> " => " + e.text()).orElse("");
    }
}
