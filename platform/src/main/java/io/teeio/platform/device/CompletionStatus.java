package io.teeio.platform.device;

/** How a request ended, in PCIe's completion terms (a refused posted write is reported the same way). */
public enum CompletionStatus {
    /** SC: served. */
    SUCCESSFUL,
    /** UR: the completer does not support the request (no function claims it, or not in this state). */
    UNSUPPORTED_REQUEST,
    /** CA: the completer supports the address but refuses the access. */
    COMPLETER_ABORT
}
