package io.teeio.platform.kernel.kvm;

/** Life of a {@code struct kvm} in the model. */
public enum VmState {
    /** The VM fd is open. */
    LIVE,
    /** The VM fd is closed and torn down (TDIs unbound, mappings gone), but a reference (a vIOMMU) keeps it. */
    DYING,
    /** Last reference dropped. */
    DESTROYED
}
