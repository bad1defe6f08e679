package io.teeio.spdm.responder;

/** Where the connection stands from the responder's side (DSP0274 "connection states"). */
public enum ConnectionState {
    NOT_STARTED,
    AFTER_VERSION,
    AFTER_CAPABILITIES,
    NEGOTIATED,
    AUTHENTICATED;

    public boolean negotiated() {
        return this == NEGOTIATED || this == AUTHENTICATED;
    }
}
