package io.teeio.platform.kernel;

import java.util.Objects;

/** The policies a host runs with; named in traces so a run says which design it exercised. */
public record HostPolicies(RegionPolicy regions, BoundDevicePolicy whileBound) {
    public static final HostPolicies DEFAULT =
            new HostPolicies(RegionPolicy.EXCLUSIVE_AT_OPEN, BoundDevicePolicy.BLOCK_WHILE_BOUND);

    public HostPolicies {
        Objects.requireNonNull(regions, "regions");
        Objects.requireNonNull(whileBound, "whileBound");
    }

    @Override
    public String toString() {
        return regions + "+" + whileBound;
    }
}
