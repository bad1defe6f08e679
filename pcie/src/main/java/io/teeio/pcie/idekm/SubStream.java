package io.teeio.pcie.idekm;

import java.util.Optional;

/** IDE sub-stream: each has its own key per direction and key set. */
public enum SubStream {
    /** Posted requests. */
    PR(0),
    /** Non-posted requests. */
    NPR(1),
    /** Completions. */
    CPL(2);

    private final int code;

    SubStream(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<SubStream> fromCode(int code) {
        for (SubStream s : values()) {
            if (s.code == code) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
