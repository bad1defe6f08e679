package io.teeio.spdm.responder;

import io.teeio.spdm.message.SpdmErrorCode;

/** A request the responder refuses: becomes an SPDM ERROR response; the reason goes to the trace. */
public final class SpdmErrorException extends Exception {
    private final SpdmErrorCode code;
    private final int errorData;

    public SpdmErrorException(SpdmErrorCode code, int errorData, String reason) {
        super(reason);
        this.code = code;
        this.errorData = errorData;
    }

    public SpdmErrorException(SpdmErrorCode code, String reason) {
        this(code, 0, reason);
    }

    public SpdmErrorCode code() {
        return code;
    }

    public int errorData() {
        return errorData;
    }
}
