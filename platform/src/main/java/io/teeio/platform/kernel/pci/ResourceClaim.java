package io.teeio.platform.kernel.pci;

import java.util.Objects;

/**
 * A busy resource in the iomem tree: [start, end] claimed by {@code owner}. An exclusive claim
 * (IORESOURCE_EXCLUSIVE) also closes /dev/mem and sysfs resource access to the range.
 */
public record ResourceClaim(long start, long end, String owner, boolean exclusive) {
    public ResourceClaim {
        Objects.requireNonNull(owner, "owner");
        if (end < start) {
            throw new IllegalArgumentException("empty resource");
        }
    }

    public boolean overlaps(long s, long e) {
        return s <= end && e >= start;
    }

    public boolean contains(long addr) {
        return addr >= start && addr <= end;
    }

    @Override
    public String toString() {
        return String.format("[0x%x-0x%x] %s%s", start, end, owner, exclusive ? " (exclusive)" : "");
    }
}
