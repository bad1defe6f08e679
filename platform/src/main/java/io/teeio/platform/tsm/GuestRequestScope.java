package io.teeio.platform.tsm;

import java.util.Optional;

/**
 * Linux's {@code enum pci_tsm_req_scope}. The TSM serves INFO and STATE_CHANGE only; the debug scopes are refused
 * as the PCI/TSM core refuses them.
 */
public enum GuestRequestScope {
    INFO(0), STATE_CHANGE(1), DEBUG_READ(2), DEBUG_WRITE(3);

    private final int code;

    GuestRequestScope(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<GuestRequestScope> fromCode(int code) {
        for (GuestRequestScope s : values()) {
            if (s.code == code) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
