package io.teeio.platform.doe;

/**
 * What the mailbox does with a request whose header Length does not match the number of DWs written
 * (or that is shorter than the 2-DW header). Either way the request is discarded and never reaches the
 * backend.
 */
public enum LengthMismatchPolicy {
    /** Discard and set DOE Error, so the host learns at its next Status poll. The default here. */
    DISCARD_AND_ERROR,
    /** Discard silently, as QEMU's pcie_doe.c does: the host sees neither Ready nor Error and times out. */
    DISCARD_SILENTLY
}
