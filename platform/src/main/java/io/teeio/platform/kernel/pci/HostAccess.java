package io.teeio.platform.kernel.pci;

import java.util.Objects;

/**
 * The result of one host attempt to reach MMIO: either it reached the function (and how the function completed
 * it) or the kernel refused it, with the reason.
 *
 * @param outcome the function's completion when {@code reached}; null when refused
 */
public record HostAccess(HostAccessPath path, String actor, String target, boolean reached, MmioOutcome outcome,
        String reason) {
    public HostAccess {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(reason, "reason");
        if (reached != (outcome != null)) {
            throw new IllegalArgumentException("a reached access has an outcome, a refused one has none");
        }
    }

    public static HostAccess reached(HostAccessPath path, String actor, String target, MmioOutcome outcome) {
        return new HostAccess(path, actor, target, true, outcome, "reached MMIO");
    }

    public static HostAccess refused(HostAccessPath path, String actor, String target, String reason) {
        return new HostAccess(path, actor, target, false, null, reason);
    }
}
