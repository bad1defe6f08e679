package io.teeio.platform.scenario;

import java.util.List;
import java.util.Objects;

/**
 * A parsed scenario: where it came from, the machine it needs, and its steps in file order.
 *
 * @param source the file name (for messages)
 */
public record Scenario(String source, Setup setup, List<Step> steps) {
    public Scenario {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(setup, "setup");
        steps = List.copyOf(steps);
    }

    /** How many steps carry an expectation. */
    public long expectationCount() {
        return steps.stream().filter(s -> s.expectation().isPresent()).count();
    }
}
