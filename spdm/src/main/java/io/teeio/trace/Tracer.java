package io.teeio.trace;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What every layer holds to emit events: numbers them, stamps them with the run's time source and
 * hands them to the sink. One per run; passed down through constructors.
 */
public final class Tracer {
    public static final Tracer NONE = new Tracer(TraceSink.NONE, () -> 0L);

    private final TraceSink sink;
    private final TimeSource time;
    private final AtomicLong seq = new AtomicLong();

    public Tracer(TraceSink sink, TimeSource time) {
        this.sink = sink;
        this.time = time;
    }

    public TimeSource time() {
        return time;
    }

    public boolean enabled() {
        return sink != TraceSink.NONE;
    }

    public void event(String layer, String actor, String peer, String action, String detail) {
        transition(layer, actor, peer, action, detail, "", "");
    }

    public void transition(String layer, String actor, String peer, String action, String detail,
            String stateBefore, String stateAfter) {
        if (sink == TraceSink.NONE) {
            return;
        }
        sink.accept(new TraceEvent(seq.incrementAndGet(), time.nanoTime(), layer, actor, peer, action, detail,
                stateBefore, stateAfter));
    }
}
