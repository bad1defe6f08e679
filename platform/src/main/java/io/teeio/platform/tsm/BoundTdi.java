package io.teeio.platform.tsm;

import io.teeio.platform.pci.RoutingId;
import java.util.Objects;

/**
 * A TDI bound by the TSM (Linux's {@code struct pci_tdi}).
 *
 * @param tdi              the function's routing id on the host
 * @param dsm              the DSM (function 0) it belongs to
 * @param vm               the VM it is bound to: the only one whose guest requests are served
 * @param guestRequesterId the id the guest sees it by (the virtual BDF)
 */
public record BoundTdi(RoutingId tdi, RoutingId dsm, VmId vm, int guestRequesterId, BindingState state) {
    public BoundTdi {
        Objects.requireNonNull(tdi);
        Objects.requireNonNull(dsm);
        Objects.requireNonNull(vm);
        Objects.requireNonNull(state);
        if (guestRequesterId < 0 || guestRequesterId > 0xFFFF) {
            throw new IllegalArgumentException("guest requester id must be 16 bits, was " + guestRequesterId);
        }
    }
}
