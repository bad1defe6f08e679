package io.teeio.platform.kernel.pcitsm;

import java.util.Optional;

/** {@code enum pci_tsm_req_scope}: what a relayed guest request may do. The core forwards only the first two. */
public enum PciTsmReqScope {
    INFO,
    STATE_CHANGE,
    DEBUG_READ,
    DEBUG_WRITE;

    public int value() {
        return ordinal();
    }

    public static Optional<PciTsmReqScope> of(int value) {
        return value >= 0 && value < values().length ? Optional.of(values()[value]) : Optional.empty();
    }
}
