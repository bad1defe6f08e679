package io.teeio.platform.scenario;

import io.teeio.platform.kernel.Errno;
import java.util.Objects;
import java.util.Optional;

/**
 * What one action did.
 *
 * @param errno the error number when a kernel call said no
 * @param detail what happened, for a person
 */
public record Outcome(Kind kind, Optional<Errno> errno, String detail) {
    public enum Kind {
        /** The action did what it asks. */
        OK,
        /** A host access reached the function's MMIO. */
        REACHED,
        /** An access (host or guest) or a host claim was refused, or the guest refused the device. */
        REFUSED,
        /** The action failed. */
        FAILED
    }

    public Outcome {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(errno, "errno");
        Objects.requireNonNull(detail, "detail");
    }

    public static Outcome ok(String detail) {
        return new Outcome(Kind.OK, Optional.empty(), detail);
    }

    public static Outcome reached(String detail) {
        return new Outcome(Kind.REACHED, Optional.empty(), detail);
    }

    public static Outcome refused(Optional<Errno> errno, String detail) {
        return new Outcome(Kind.REFUSED, errno, detail);
    }

    public static Outcome failed(Optional<Errno> errno, String detail) {
        return new Outcome(Kind.FAILED, errno, detail);
    }

    /** Whether the action did not go through: refused or failed. */
    public boolean isFailure() {
        return kind == Kind.REFUSED || kind == Kind.FAILED;
    }

    /** Short form: {@code ok}, {@code reached}, {@code refused (EPERM)}, {@code EBUSY}, {@code error}. */
    public String summary() {
        return switch (kind) {
            case OK -> "ok";
            case REACHED -> "reached";
            case REFUSED -> "refused" + errno.map(e -> " (" + e + ")").orElse("");
            case FAILED -> errno.map(Errno::name).orElse("error");
        };
    }

    @Override
    public String toString() {
        return summary() + (detail.isEmpty() ? "" : ": " + detail);
    }
}
