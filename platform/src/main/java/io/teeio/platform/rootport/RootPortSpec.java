package io.teeio.platform.rootport;

import io.teeio.platform.pci.IdeCapabilitySpec;
import io.teeio.platform.pci.PciIdentity;
import io.teeio.platform.pci.RoutingId;
import java.util.Objects;

/** A root port: identity (a PCI-to-PCI bridge class), where it sits, and its IDE capability. */
public record RootPortSpec(PciIdentity identity, RoutingId address, IdeCapabilitySpec ide) {
    public RootPortSpec {
        Objects.requireNonNull(identity);
        Objects.requireNonNull(address);
        Objects.requireNonNull(ide);
    }

    /** Like the kernel's devsec sample root port (8086:7075) at 00:01.0, with 4 selective streams. */
    public static RootPortSpec defaults() {
        return new RootPortSpec(new PciIdentity(0x8086, 0x7075, 0x01, 0x060400, 0, 0), RoutingId.of(0, 1, 0),
                new IdeCapabilitySpec(4, 1));
    }
}
