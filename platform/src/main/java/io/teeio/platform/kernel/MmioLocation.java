package io.teeio.platform.kernel;

import java.util.Objects;

/** Where an MMIO address lands: a function's BAR and the offset in it, and the host physical address. */
public record MmioLocation(Bdf bdf, int bar, long barOffset, long physAddr) {
    public MmioLocation {
        Objects.requireNonNull(bdf, "bdf");
    }

    @Override
    public String toString() {
        return bdf + " BAR" + bar + "+0x" + Long.toHexString(barOffset);
    }
}
