package io.teeio.trace;

import java.util.ArrayList;
import java.util.List;

/** Keeps every event in memory: for tests, summaries and renderers that run after the fact. */
public final class RecordingSink implements TraceSink {
    private final List<TraceEvent> events = new ArrayList<>();

    @Override
    public synchronized void accept(TraceEvent event) {
        events.add(event);
    }

    public synchronized List<TraceEvent> events() {
        return List.copyOf(events);
    }
}
