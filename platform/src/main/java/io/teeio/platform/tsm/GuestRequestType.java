package io.teeio.platform.tsm;

import java.util.Optional;

/** The guest request types of the TSM's guest request encoding (see {@link GuestRequestCodec}), with their scope. */
public enum GuestRequestType {
    GET_INTERFACE_REPORT(0x01, GuestRequestScope.INFO),
    GET_CERTIFICATE_CHAIN(0x02, GuestRequestScope.INFO),
    GET_MEASUREMENTS(0x03, GuestRequestScope.INFO),
    GET_TDI_STATE(0x04, GuestRequestScope.INFO),
    /** Accept: the TSM sends START_INTERFACE with the nonce from its LOCK. */
    START_INTERFACE(0x81, GuestRequestScope.STATE_CHANGE),
    STOP_INTERFACE(0x82, GuestRequestScope.STATE_CHANGE);

    private final int code;
    private final GuestRequestScope scope;

    GuestRequestType(int code, GuestRequestScope scope) {
        this.code = code;
        this.scope = scope;
    }

    public int code() {
        return code;
    }

    public GuestRequestScope scope() {
        return scope;
    }

    public static Optional<GuestRequestType> fromCode(int code) {
        for (GuestRequestType t : values()) {
            if (t.code == code) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
