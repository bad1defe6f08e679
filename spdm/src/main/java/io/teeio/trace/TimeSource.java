package io.teeio.trace;

/** Injectable monotonic time, so a run can be replayed exactly. */
@FunctionalInterface
public interface TimeSource {
    TimeSource SYSTEM = System::nanoTime;

    long nanoTime();
}
