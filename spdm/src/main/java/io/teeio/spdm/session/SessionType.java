package io.teeio.spdm.session;

/** What a session's records protect, from the negotiated ENCRYPT_CAP / MAC_CAP (DSP0277). */
public enum SessionType {
    /** ENCRYPT_CAP and MAC_CAP: AEAD over ApplicationDataLength | data | padding, with a tag. */
    ENC_MAC,
    /** MAC_CAP only: application data in clear, the tag covers the whole record before it. */
    MAC_ONLY
}
