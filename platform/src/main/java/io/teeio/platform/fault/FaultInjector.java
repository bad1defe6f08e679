package io.teeio.platform.fault;

/**
 * What a fault point asks. Components take one in their constructor ({@link #NONE} when nothing is
 * injected) and query it where the fault would happen.
 */
public interface FaultInjector {
    FaultInjector NONE = new FaultInjector() {
        @Override
        public boolean fires(FaultPoint point) {
            return false;
        }

        @Override
        public int choose(int bound) {
            return 0;
        }
    };

    /** Counts one occurrence of {@code point} and says whether the fault happens now. */
    boolean fires(FaultPoint point);

    /** A seeded choice in [0, bound) for a fault that fired (which bits to corrupt): replayable. */
    int choose(int bound);
}
