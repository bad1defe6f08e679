package io.teeio.platform.fault;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Which faults are armed and when, with a seeded random source so that a run replays exactly.
 * Counts occurrences per point and remembers which fired.
 *
 * <p>Text form (for the command line): comma-separated {@code name}, {@code name@N} (Nth occurrence),
 * {@code name@N+} (Nth and after) or {@code name%P} (each occurrence with probability P), e.g.
 * {@code "doe-busy@2,response-not-ready%0.1"}. A bare name means the first occurrence.
 */
public final class FaultPlan implements FaultInjector {
    private final Map<FaultPoint, FaultTrigger> armed;
    private final SplittableRandom random;
    private final Map<FaultPoint, Integer> occurrences = new EnumMap<>(FaultPoint.class);
    private final List<Fired> fired = new ArrayList<>();

    /** One fault that happened: where and at which occurrence. */
    public record Fired(FaultPoint point, int occurrence) {
    }

    private FaultPlan(Map<FaultPoint, FaultTrigger> armed, long seed) {
        this.armed = new EnumMap<>(FaultPoint.class);
        this.armed.putAll(armed);
        this.random = new SplittableRandom(seed);
    }

    public static Builder builder(long seed) {
        return new Builder(seed);
    }

    public static FaultPlan parse(String spec, long seed) {
        Builder b = builder(seed);
        if (spec == null || spec.isBlank()) {
            return b.build();
        }
        for (String item : spec.split(",")) {
            String s = item.trim();
            int at = s.indexOf('@');
            int pct = s.indexOf('%');
            try {
                if (at >= 0) {
                    String n = s.substring(at + 1);
                    boolean from = n.endsWith("+");
                    int count = Integer.parseInt(from ? n.substring(0, n.length() - 1) : n);
                    b.arm(FaultPoint.byName(s.substring(0, at)), from ? FaultTrigger.from(count) : FaultTrigger.nth(count));
                } else if (pct >= 0) {
                    b.arm(FaultPoint.byName(s.substring(0, pct)),
                            FaultTrigger.probability(Double.parseDouble(s.substring(pct + 1))));
                } else {
                    b.arm(FaultPoint.byName(s), FaultTrigger.nth(1));
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad fault '" + s + "': expected name, name@N, name@N+ or name%P", e);
            }
        }
        return b.build();
    }

    @Override
    public synchronized boolean fires(FaultPoint point) {
        int n = occurrences.merge(point, 1, Integer::sum);
        FaultTrigger trigger = armed.get(point);
        boolean fire;
        if (trigger == null) {
            fire = false;
        } else if (trigger instanceof FaultTrigger.Nth nth) {
            fire = n == nth.n();
        } else if (trigger instanceof FaultTrigger.From from) {
            fire = n >= from.n();
        } else {
            fire = random.nextDouble() < ((FaultTrigger.Probability) trigger).p();
        }
        if (fire) {
            fired.add(new Fired(point, n));
        }
        return fire;
    }

    @Override
    public synchronized int choose(int bound) {
        return random.nextInt(bound);
    }

    public synchronized boolean isArmed(FaultPoint point) {
        return armed.containsKey(point);
    }

    public synchronized int occurrences(FaultPoint point) {
        return occurrences.getOrDefault(point, 0);
    }

    public synchronized List<Fired> fired() {
        return List.copyOf(fired);
    }

    @Override
    public synchronized String toString() {
        return "FaultPlan" + armed;
    }

    /** Arms faults one point at a time. */
    public static final class Builder {
        private final long seed;
        private final Map<FaultPoint, FaultTrigger> armed = new EnumMap<>(FaultPoint.class);

        private Builder(long seed) {
            this.seed = seed;
        }

        public Builder arm(FaultPoint point, FaultTrigger trigger) {
            if (armed.putIfAbsent(point, trigger) != null) {
                throw new IllegalArgumentException("fault " + point + " armed twice");
            }
            return this;
        }

        public FaultPlan build() {
            return new FaultPlan(armed, seed);
        }
    }
}
