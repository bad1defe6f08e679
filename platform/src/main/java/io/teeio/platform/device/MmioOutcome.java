package io.teeio.platform.device;

import io.teeio.spdm.codec.Bytes;
import java.util.Objects;

/**
 * What became of an MMIO request: served (with the data for a read), unsupported request, or completer
 * abort, with the reason in words.
 */
public record MmioOutcome(CompletionStatus status, Bytes data, String reason) {
    public MmioOutcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(reason, "reason");
        if (status != CompletionStatus.SUCCESSFUL && !data.isEmpty()) {
            throw new IllegalArgumentException("a refused request returns no data");
        }
    }

    public static MmioOutcome served(Bytes data, String reason) {
        return new MmioOutcome(CompletionStatus.SUCCESSFUL, data, reason);
    }

    public static MmioOutcome refused(MmioDecision decision) {
        if (decision.allowed()) {
            throw new IllegalArgumentException("not a refusal: " + decision);
        }
        return new MmioOutcome(decision.status(), Bytes.EMPTY, decision.reason());
    }

    public static MmioOutcome unsupportedRequest(String reason) {
        return new MmioOutcome(CompletionStatus.UNSUPPORTED_REQUEST, Bytes.EMPTY, reason);
    }

    public static MmioOutcome completerAbort(String reason) {
        return new MmioOutcome(CompletionStatus.COMPLETER_ABORT, Bytes.EMPTY, reason);
    }

    public boolean served() {
        return status == CompletionStatus.SUCCESSFUL;
    }
}
