package io.teeio.platform.tsm;

/**
 * A bound TDI as the TSM tracks it: LOCKED after LOCK_INTERFACE (waiting for the guest to accept), RUN after the
 * guest's START, STOPPED after the guest's STOP (still assigned to the VM until unbind).
 */
public enum BindingState {
    LOCKED, RUN, STOPPED
}
