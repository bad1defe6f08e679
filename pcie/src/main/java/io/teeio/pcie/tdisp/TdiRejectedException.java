package io.teeio.pcie.tdisp;

/** A TDI refused a request or event in its current state; the responder answers TDISP_ERROR with the code. */
public final class TdiRejectedException extends Exception {
    private final TdispErrorCode errorCode;
    private final int errorData;

    public TdiRejectedException(TdispErrorCode errorCode, String message) {
        this(errorCode, 0, message);
    }

    public TdiRejectedException(TdispErrorCode errorCode, int errorData, String message) {
        super(errorCode + ": " + message);
        this.errorCode = errorCode;
        this.errorData = errorData;
    }

    public TdispErrorCode errorCode() {
        return errorCode;
    }

    public int errorData() {
        return errorData;
    }
}
