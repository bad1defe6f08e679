package io.teeio.platform.device;

import java.util.Objects;

/** A gate's answer to one access: allowed, or refused with UR or CA, and why. */
public record MmioDecision(CompletionStatus status, String reason) {
    public MmioDecision {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
    }

    public static MmioDecision allow(String reason) {
        return new MmioDecision(CompletionStatus.SUCCESSFUL, reason);
    }

    public static MmioDecision unsupportedRequest(String reason) {
        return new MmioDecision(CompletionStatus.UNSUPPORTED_REQUEST, reason);
    }

    public static MmioDecision completerAbort(String reason) {
        return new MmioDecision(CompletionStatus.COMPLETER_ABORT, reason);
    }

    public boolean allowed() {
        return status == CompletionStatus.SUCCESSFUL;
    }
}
