package io.teeio.platform.kernel;

import java.util.Objects;

/** What the IOMMU did with a DMA: where it went, or why it was blocked. */
public record DmaOutcome(boolean allowed, Target target, String reason) {
    public enum Target {
        /** Translated through the device's IOAS to host (VMM) memory: ordinary, untrusted DMA. */
        IOAS_MAPPING,
        /** Trusted DMA into the bound CVM's private memory. */
        PRIVATE_MEMORY,
        /** Trusted DMA into the bound CVM's shared memory. */
        SHARED_MEMORY,
        /** Blocked. */
        NONE
    }

    public DmaOutcome {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(reason, "reason");
        if (allowed == (target == Target.NONE)) {
            throw new IllegalArgumentException("allowed DMA needs a target, blocked DMA has none");
        }
    }

    public static DmaOutcome allowed(Target target, String reason) {
        return new DmaOutcome(true, target, reason);
    }

    public static DmaOutcome blocked(String reason) {
        return new DmaOutcome(false, Target.NONE, reason);
    }
}
