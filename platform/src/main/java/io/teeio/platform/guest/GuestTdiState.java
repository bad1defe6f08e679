package io.teeio.platform.guest;

/** The TDI as the guest sees it (devsec's tsm/lock and tsm/accept). */
public enum GuestTdiState {
    /** Assigned, not locked: an ordinary, non-secure device. */
    UNLOCKED,
    /** Locked by the TSM, evidence not yet accepted. */
    LOCKED,
    /** Validated and accepted (START): private MMIO and DMA to private memory are allowed. */
    ACCEPTED,
    /** Refused after validation: the TDI never reached RUN. */
    REFUSED
}
