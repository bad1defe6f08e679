package io.teeio.platform.device;

import io.teeio.platform.pci.RoutingId;
import java.util.OptionalInt;

/**
 * A memory request resolved to the function and BAR that claim it: what a {@link TdiGate} decides on.
 *
 * @param offset byte offset inside the BAR
 */
public record MmioAccess(FunctionRef function, RoutingId target, int bar, long offset, int length, boolean write,
        boolean tee, OptionalInt ideStream) {

    @Override
    public String toString() {
        return (write ? "write " : "read ") + length + " bytes at " + function + " BAR" + bar + "+0x"
                + Long.toHexString(offset) + (tee ? " T=1" : " T=0")
                + (ideStream.isPresent() ? " via IDE stream " + ideStream.getAsInt() : "");
    }
}
