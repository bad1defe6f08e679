package io.teeio.platform.device;

/**
 * The hardware events that change a TDI's security (PROTOCOLS.md §5.6). All but CONVENTIONAL_RESET send a
 * CONFIG_LOCKED or RUN TDI to ERROR; CONVENTIONAL_RESET takes any TDI to CONFIG_UNLOCKED.
 */
public enum SecurityEventKind {
    MSE_CLEAR,
    BME_CLEAR,
    BAR_WRITE,
    EXPANSION_ROM_WRITE,
    BIST_WRITE,
    /** Extended Tag, Phantom Functions, No Snoop or 10-Bit Tag Requester enables changed. */
    DEVICE_CONTROL_CHANGE,
    /** MSI-X Message Control changed while LOCK_MSIX is in effect. */
    MSIX_CHANGE,
    ARI_CHANGE,
    /** SR-IOV Control, NumVFs, System Page Size or a VF BAR changed (hits the PF and all its VFs). */
    SRIOV_CHANGE,
    /** Selective IDE stream Control, RID or address association changed. */
    IDE_STREAM_CHANGE,
    /** A Secure IDE stream went Insecure at the device end. */
    IDE_STREAM_INSECURE,
    FLR,
    REQUESTER_ID_CHANGE,
    CONVENTIONAL_RESET;

    /** Whether this event sends a locked TDI to ERROR (else it resets it to CONFIG_UNLOCKED). */
    public boolean errorsLockedTdi() {
        return this != CONVENTIONAL_RESET;
    }
}
