package io.teeio.spdm.requester;

import io.teeio.spdm.message.ErrorResponse;
import java.util.Optional;

/**
 * A requester step that failed: names the step (e.g. "CHALLENGE") and why
 * ("CHALLENGE_AUTH signature does not verify against the slot 0 leaf key").
 */
public class SpdmRequesterException extends Exception {
    /** What kind of failure, for callers that react differently. */
    public enum Kind {
        /** The responder answered ERROR. */
        ERROR_RESPONSE,
        /** The response could not be decoded or was not the expected message. */
        MALFORMED_RESPONSE,
        /** A signature, digest, verify-data or certificate check failed. */
        VERIFICATION_FAILED,
        /** Version, capabilities or algorithms could not be agreed. */
        NEGOTIATION_FAILED,
        /** The call is not allowed in the requester's current state. */
        INVALID_STATE,
        /** The transport failed. */
        TRANSPORT
    }

    private final String step;
    private final Kind kind;
    private final transient ErrorResponse error;

    public SpdmRequesterException(String step, Kind kind, String reason, ErrorResponse error, Throwable cause) {
        super(step + ": " + reason, cause);
        this.step = step;
        this.kind = kind;
        this.error = error;
    }

    public SpdmRequesterException(String step, Kind kind, String reason) {
        this(step, kind, reason, null, null);
    }

    public String step() {
        return step;
    }

    public Kind kind() {
        return kind;
    }

    /** The ERROR the responder sent, when {@link #kind()} is ERROR_RESPONSE. */
    public Optional<ErrorResponse> error() {
        return Optional.ofNullable(error);
    }
}
