package io.teeio.pcie.idekm;

import java.util.Optional;

/** KP_ACK Status. */
public enum KpAckStatus {
    SUCCESS(0x00),
    INCORRECT_LENGTH(0x01),
    UNSUPPORTED_PORT_INDEX(0x02),
    /** Some other field (StreamID, sub-stream, IFV...) has a value the port does not support. */
    UNSUPPORTED_VALUE(0x03),
    UNSPECIFIED_FAILURE(0x04);

    private final int code;

    KpAckStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<KpAckStatus> fromCode(int code) {
        for (KpAckStatus s : values()) {
            if (s.code == code) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
