package io.teeio.platform.doe;

/** Why a DOE exchange failed, as Linux's drivers/pci/doe.c tells the cases apart. */
public enum DoeError {
    /** Busy was set before the request was written (another entity's request); Linux: -EBUSY. */
    BUSY,
    /** DOE Error was set (before, during or after the exchange); Linux: -EIO. */
    ERROR,
    /** Neither Data Object Ready nor Error within the poll budget (Linux: 1 s); -EIO. */
    TIMEOUT,
    /** Data Object Ready cleared before the last DW was read: the device withdrew the response; -EIO. */
    ABORTED,
    /** The response header names another Vendor ID / data object type than the request; -EIO. */
    UNEXPECTED_RESPONSE,
    /** The response header Length is below the 2-DW header; -EIO. */
    MALFORMED_RESPONSE,
    /** Abort did not clear Busy and Error within the budget: the mailbox is dead for good (Linux's DEAD flag). */
    MAILBOX_DEAD
}
