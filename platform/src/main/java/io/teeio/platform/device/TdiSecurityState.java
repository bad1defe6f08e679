package io.teeio.platform.device;

/**
 * The TDI state as the hardware needs it (TDISP 1.0 states, PROTOCOLS.md §5.6). The TDISP side reports it
 * through {@link TdiGate#state()}; a function that is not a TDI stays CONFIG_UNLOCKED.
 */
public enum TdiSecurityState {
    CONFIG_UNLOCKED, CONFIG_LOCKED, RUN, ERROR;

    /** CONFIG_LOCKED or RUN: the states a security-relevant change sends to ERROR. */
    public boolean locked() {
        return this == CONFIG_LOCKED || this == RUN;
    }
}
