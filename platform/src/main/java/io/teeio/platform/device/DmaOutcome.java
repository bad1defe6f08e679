package io.teeio.platform.device;

import io.teeio.spdm.codec.Bytes;
import java.util.Objects;

/** What became of a DMA request: completed (read data), or refused with UR/CA and why. */
public record DmaOutcome(CompletionStatus status, Bytes data, String reason) {
    public DmaOutcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(reason, "reason");
    }

    public static DmaOutcome completed(Bytes data, String reason) {
        return new DmaOutcome(CompletionStatus.SUCCESSFUL, data, reason);
    }

    public static DmaOutcome unsupportedRequest(String reason) {
        return new DmaOutcome(CompletionStatus.UNSUPPORTED_REQUEST, Bytes.EMPTY, reason);
    }

    public static DmaOutcome completerAbort(String reason) {
        return new DmaOutcome(CompletionStatus.COMPLETER_ABORT, Bytes.EMPTY, reason);
    }

    public boolean completed() {
        return status == CompletionStatus.SUCCESSFUL;
    }
}
