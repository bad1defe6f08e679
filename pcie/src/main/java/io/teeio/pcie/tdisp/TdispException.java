package io.teeio.pcie.tdisp;

import java.util.Optional;

/**
 * A TDISP request did not succeed: the DSM answered TDISP_ERROR ({@link #errorCode()} present), or its answer
 * was not a valid response to the request (undecodable, wrong type, other INTERFACE_ID, inconsistent report
 * portions).
 */
public final class TdispException extends Exception {
    private final TdispMessageType request;
    private final TdispErrorCode errorCode;
    private final int errorData;

    /** The DSM answered TDISP_ERROR. */
    public TdispException(TdispMessageType request, TdispErrorCode errorCode, int errorData) {
        super(request + " failed: TDISP_ERROR " + errorCode + " (ERROR_DATA 0x" + Integer.toHexString(errorData)
                + ")");
        this.request = request;
        this.errorCode = errorCode;
        this.errorData = errorData;
    }

    /** The answer was not a valid response. */
    public TdispException(TdispMessageType request, String message) {
        super(request + ": " + message);
        this.request = request;
        this.errorCode = null;
        this.errorData = 0;
    }

    public TdispException(TdispMessageType request, String message, Throwable cause) {
        super(request + ": " + message, cause);
        this.request = request;
        this.errorCode = null;
        this.errorData = 0;
    }

    public TdispMessageType request() {
        return request;
    }

    /** The TDISP_ERROR code, when the DSM answered with one. */
    public Optional<TdispErrorCode> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    public int errorData() {
        return errorData;
    }
}
