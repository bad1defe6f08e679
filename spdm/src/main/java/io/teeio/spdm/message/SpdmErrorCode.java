package io.teeio.spdm.message;

import java.util.Optional;

/** ERROR codes (DSP0274 Table 48, and DSP0277's InvalidSession). */
public enum SpdmErrorCode {
    INVALID_REQUEST(0x01),
    INVALID_SESSION(0x02),
    BUSY(0x03),
    UNEXPECTED_REQUEST(0x04),
    UNSPECIFIED(0x05),
    DECRYPT_ERROR(0x06),
    UNSUPPORTED_REQUEST(0x07),
    REQUEST_IN_FLIGHT(0x08),
    INVALID_RESPONSE_CODE(0x09),
    SESSION_LIMIT_EXCEEDED(0x0A),
    SESSION_REQUIRED(0x0B),
    RESET_REQUIRED(0x0C),
    RESPONSE_TOO_LARGE(0x0D),
    REQUEST_TOO_LARGE(0x0E),
    LARGE_RESPONSE(0x0F),
    MESSAGE_LOST(0x10),
    INVALID_POLICY(0x11),
    DATA_TOO_LARGE(0x12),
    VERSION_MISMATCH(0x41),
    RESPONSE_NOT_READY(0x42),
    REQUEST_RESYNCH(0x43),
    OPERATION_FAILED(0x44),
    NO_PENDING_REQUESTS(0x45),
    REQUEST_SESSION_TERMINATED(0x46),
    INVALID_STATE(0x47),
    VENDOR_DEFINED(0xFF);

    private final int value;

    SpdmErrorCode(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    public static Optional<SpdmErrorCode> of(int value) {
        for (SpdmErrorCode c : values()) {
            if (c.value == value) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** "InvalidRequest"-style name as DSP0274 writes it. */
    public String specName() {
        StringBuilder b = new StringBuilder();
        for (String part : name().split("_")) {
            b.append(part.charAt(0)).append(part.substring(1).toLowerCase());
        }
        return b.toString();
    }
}
