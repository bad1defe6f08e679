package io.teeio.trace;

/** Receives trace events in order. */
@FunctionalInterface
public interface TraceSink {
    TraceSink NONE = e -> { };

    void accept(TraceEvent event);
}
