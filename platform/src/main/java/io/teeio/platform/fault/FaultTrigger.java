package io.teeio.platform.fault;

/**
 * When an armed fault fires, counted in occurrences of its point (1 = the first time the point is reached).
 */
public sealed interface FaultTrigger {
    /** Fires once, at occurrence {@code n}. */
    record Nth(int n) implements FaultTrigger {
        public Nth {
            if (n < 1) {
                throw new IllegalArgumentException("occurrence must be >= 1, was " + n);
            }
        }
    }

    /** Fires at occurrence {@code n} and every one after. */
    record From(int n) implements FaultTrigger {
        public From {
            if (n < 1) {
                throw new IllegalArgumentException("occurrence must be >= 1, was " + n);
            }
        }
    }

    /** Fires at each occurrence with this probability, drawn from the plan's seeded random source. */
    record Probability(double p) implements FaultTrigger {
        public Probability {
            if (!(p > 0.0 && p <= 1.0)) {
                throw new IllegalArgumentException("probability must be in (0, 1], was " + p);
            }
        }
    }

    static FaultTrigger nth(int n) {
        return new Nth(n);
    }

    static FaultTrigger from(int n) {
        return new From(n);
    }

    static FaultTrigger always() {
        return new From(1);
    }

    static FaultTrigger probability(double p) {
        return new Probability(p);
    }
}
