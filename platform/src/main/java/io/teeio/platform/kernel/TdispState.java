package io.teeio.platform.kernel;

/** TDISP state of a TDI (PCIe Base 6.x §11.2), as the host kernel reads it from the TSM. */
public enum TdispState {
    CONFIG_UNLOCKED,
    CONFIG_LOCKED,
    RUN,
    ERROR;

    /** CONFIG_LOCKED or RUN: the TDI's configuration is under TSM control and host MMIO must not reach it. */
    public boolean isLocked() {
        return this == CONFIG_LOCKED || this == RUN;
    }
}
