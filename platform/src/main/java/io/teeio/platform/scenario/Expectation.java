package io.teeio.platform.scenario;

import io.teeio.pcie.tdisp.TdiState;
import io.teeio.platform.kernel.Errno;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a line expects after {@code =>}: an outcome, a TDI state after the action, or both. A line that names
 * only a state expects the action to go through as well.
 */
public record Expectation(Optional<Expected> outcome, Optional<TdiState> state) {
    public Expectation {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(state, "state");
        if (outcome.isEmpty() && state.isEmpty()) {
            throw new IllegalArgumentException("an expectation names an outcome, a state or both");
        }
    }

    /** One expected outcome. */
    public sealed interface Expected permits Ok, Reached, Refused, AnyError, Failed {
        boolean matches(Outcome o);

        String text();
    }

    /** {@code ok}: the action went through. */
    public record Ok() implements Expected {
        @Override
        public boolean matches(Outcome o) {
            return o.kind() == Outcome.Kind.OK;
        }

        @Override
        public String text() {
            return "ok";
        }
    }

    /** {@code reached}: a host access reached the MMIO. */
    public record Reached() implements Expected {
        @Override
        public boolean matches(Outcome o) {
            return o.kind() == Outcome.Kind.REACHED;
        }

        @Override
        public String text() {
            return "reached";
        }
    }

    /** {@code refused}: an access or claim was refused, or the guest refused the device. */
    public record Refused() implements Expected {
        @Override
        public boolean matches(Outcome o) {
            return o.kind() == Outcome.Kind.REFUSED;
        }

        @Override
        public String text() {
            return "refused";
        }
    }

    /** {@code error}: refused or failed, however. */
    public record AnyError() implements Expected {
        @Override
        public boolean matches(Outcome o) {
            return o.isFailure();
        }

        @Override
        public String text() {
            return "error";
        }
    }

    /** An errno name: a kernel call on the way said exactly this. */
    public record Failed(Errno errno) implements Expected {
        public Failed {
            Objects.requireNonNull(errno, "errno");
        }

        @Override
        public boolean matches(Outcome o) {
            return o.errno().equals(Optional.of(errno));
        }

        @Override
        public String text() {
            return errno.name();
        }
    }

    /** Why {@code o} with the TDI in {@code after} does not meet this expectation, or empty when it does. */
    public Optional<String> unmetBy(Outcome o, Optional<TdiState> after) {
        List<String> why = new ArrayList<>();
        if (outcome.isPresent() && !outcome.get().matches(o)) {
            why.add("expected " + outcome.get().text() + ", got " + o.summary());
        } else if (outcome.isEmpty() && o.isFailure()) {
            why.add("expected the action to go through, got " + o.summary());
        }
        if (state.isPresent() && !after.equals(state)) {
            why.add("expected the TDI " + state.get() + ", it is " + after.map(TdiState::name).orElse("unknown"));
        }
        return why.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", why));
    }

    public String text() {
        List<String> parts = new ArrayList<>();
        outcome.ifPresent(e -> parts.add(e.text()));
        state.ifPresent(s -> parts.add("state " + s));
        return String.join(", ", parts);
    }
}
