package io.teeio.pcie.idekm;

import java.util.Optional;

/** IDE_KM Object IDs (byte 0 of every IDE_KM message). */
public enum IdeKmObjectId {
    QUERY(0x00, true),
    QUERY_RESP(0x01, false),
    KEY_PROG(0x02, true),
    KP_ACK(0x03, false),
    K_SET_GO(0x04, true),
    K_SET_STOP(0x05, true),
    /** Answers both K_SET_GO and K_SET_STOP. */
    K_GOSTOP_ACK(0x06, false);

    private final int code;
    private final boolean request;

    IdeKmObjectId(int code, boolean request) {
        this.code = code;
        this.request = request;
    }

    public int code() {
        return code;
    }

    public boolean isRequest() {
        return request;
    }

    public static Optional<IdeKmObjectId> fromCode(int code) {
        for (IdeKmObjectId id : values()) {
            if (id.code == code) {
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }
}
