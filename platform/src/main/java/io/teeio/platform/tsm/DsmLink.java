package io.teeio.platform.tsm;

import io.teeio.platform.pci.ConfigAccessor;
import io.teeio.platform.pci.RoutingId;
import io.teeio.platform.rootport.RootPort;
import java.util.Objects;

/**
 * How the TSM reaches one DSM: the DSM function's routing id and config space (its DOE mailbox, IDE and SR-IOV
 * capabilities) and the root port above it (whose IDE keys the TSM programs directly).
 */
public record DsmLink(RoutingId dsm, ConfigAccessor config, RootPort rootPort) {
    public DsmLink {
        Objects.requireNonNull(dsm, "dsm");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(rootPort, "rootPort");
    }
}
