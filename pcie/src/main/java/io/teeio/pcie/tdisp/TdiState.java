package io.teeio.pcie.tdisp;

import java.util.Optional;

/** TDI state (DEVICE_INTERFACE_STATE TDI_STATE values). */
public enum TdiState {
    CONFIG_UNLOCKED(0),
    CONFIG_LOCKED(1),
    RUN(2),
    ERROR(3);

    private final int code;

    TdiState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** CONFIG_LOCKED or RUN: the configuration is frozen and watched. */
    public boolean isLocked() {
        return this == CONFIG_LOCKED || this == RUN;
    }

    public static Optional<TdiState> fromCode(int code) {
        for (TdiState s : values()) {
            if (s.code == code) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
