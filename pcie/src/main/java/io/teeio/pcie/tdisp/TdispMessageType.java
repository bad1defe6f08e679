package io.teeio.pcie.tdisp;

import java.util.Optional;

/** TDISP MessageType codes (PCIe11 Tables 11-3/11-4). */
public enum TdispMessageType {
    GET_TDISP_VERSION(0x81, Kind.REQUIRED),
    GET_TDISP_CAPABILITIES(0x82, Kind.REQUIRED),
    LOCK_INTERFACE_REQUEST(0x83, Kind.REQUIRED),
    GET_DEVICE_INTERFACE_REPORT(0x84, Kind.REQUIRED),
    GET_DEVICE_INTERFACE_STATE(0x85, Kind.REQUIRED),
    START_INTERFACE_REQUEST(0x86, Kind.REQUIRED),
    STOP_INTERFACE_REQUEST(0x87, Kind.REQUIRED),
    BIND_P2P_STREAM_REQUEST(0x88, Kind.OPTIONAL),
    UNBIND_P2P_STREAM_REQUEST(0x89, Kind.OPTIONAL),
    SET_MMIO_ATTRIBUTE_REQUEST(0x8A, Kind.OPTIONAL),
    VDM_REQUEST(0x8B, Kind.OPTIONAL),

    TDISP_VERSION(0x01, Kind.RESPONSE),
    TDISP_CAPABILITIES(0x02, Kind.RESPONSE),
    LOCK_INTERFACE_RESPONSE(0x03, Kind.RESPONSE),
    DEVICE_INTERFACE_REPORT(0x04, Kind.RESPONSE),
    DEVICE_INTERFACE_STATE(0x05, Kind.RESPONSE),
    START_INTERFACE_RESPONSE(0x06, Kind.RESPONSE),
    STOP_INTERFACE_RESPONSE(0x07, Kind.RESPONSE),
    BIND_P2P_STREAM_RESPONSE(0x08, Kind.RESPONSE),
    UNBIND_P2P_STREAM_RESPONSE(0x09, Kind.RESPONSE),
    SET_MMIO_ATTRIBUTE_RESPONSE(0x0A, Kind.RESPONSE),
    VDM_RESPONSE(0x0B, Kind.RESPONSE),
    TDISP_ERROR(0x7F, Kind.RESPONSE);

    private enum Kind { REQUIRED, OPTIONAL, RESPONSE }

    private final int code;
    private final Kind kind;

    TdispMessageType(int code, Kind kind) {
        this.code = code;
        this.kind = kind;
    }

    public int code() {
        return code;
    }

    public boolean isRequest() {
        return kind != Kind.RESPONSE;
    }

    /** A request every DSM must implement. */
    public boolean isRequired() {
        return kind == Kind.REQUIRED;
    }

    /** A request a DSM may leave unimplemented (answering UNSUPPORTED_REQUEST). */
    public boolean isOptional() {
        return kind == Kind.OPTIONAL;
    }

    /** For a request, its success response (request code - 0x80). */
    public TdispMessageType response() {
        if (!isRequest()) {
            throw new IllegalStateException(this + " is a response");
        }
        return fromCode(code - 0x80).orElseThrow();
    }

    public static Optional<TdispMessageType> fromCode(int code) {
        for (TdispMessageType t : values()) {
            if (t.code == code) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
