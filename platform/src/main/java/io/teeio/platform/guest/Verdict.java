package io.teeio.platform.guest;

import java.util.List;

/** The outcome of checking evidence against a policy: accepted, or every reason it was not. */
public record Verdict(boolean accepted, List<String> reasons) {
    public Verdict {
        reasons = List.copyOf(reasons);
    }

    public static Verdict of(List<String> reasons) {
        return new Verdict(reasons.isEmpty(), reasons);
    }
}
