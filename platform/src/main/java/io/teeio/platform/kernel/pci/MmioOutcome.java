package io.teeio.platform.kernel.pci;

import java.util.Objects;

/** How the function completed a host MMIO request. */
public record MmioOutcome(Status status, long value) {
    public enum Status {
        /** Successful completion (value = read data, 0 for writes). */
        COMPLETED,
        /** Unsupported Request: e.g. memory decode off, or a non-TEE request to a locked TDI's TEE memory. */
        UNSUPPORTED_REQUEST,
        /** Completer Abort. */
        COMPLETER_ABORT
    }

    public MmioOutcome {
        Objects.requireNonNull(status, "status");
    }

    public static MmioOutcome completed(long value) {
        return new MmioOutcome(Status.COMPLETED, value);
    }

    public static MmioOutcome unsupportedRequest() {
        return new MmioOutcome(Status.UNSUPPORTED_REQUEST, -1L);
    }
}
