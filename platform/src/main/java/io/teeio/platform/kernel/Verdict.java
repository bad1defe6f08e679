package io.teeio.platform.kernel;

import java.util.Objects;

/** Allowed or refused, with the reason a trace and a test can read. */
public record Verdict(boolean allowed, String reason) {
    public Verdict {
        Objects.requireNonNull(reason, "reason");
    }

    public static Verdict allow(String reason) {
        return new Verdict(true, reason);
    }

    public static Verdict refuse(String reason) {
        return new Verdict(false, reason);
    }
}
