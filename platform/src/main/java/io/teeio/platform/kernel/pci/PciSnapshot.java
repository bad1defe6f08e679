package io.teeio.platform.kernel.pci;

import io.teeio.platform.kernel.Bdf;
import java.util.List;

/** Immutable view of the PCI core's state: driver bindings, busy resources, /dev/mem and sysfs user mappings. */
public record PciSnapshot(List<Function> functions, List<ResourceClaim> claims, List<UserMapping> userMappings) {
    public PciSnapshot {
        functions = List.copyOf(functions);
        claims = List.copyOf(claims);
        userMappings = List.copyOf(userMappings);
    }

    public record Function(Bdf bdf, String driver) {
    }

    public record UserMapping(HostAccessPath path, String actor, long start, long size, boolean revoked) {
    }
}
