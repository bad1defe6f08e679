package io.teeio.spdm.responder;

import io.teeio.spdm.message.SpdmMessage;
import io.teeio.spdm.message.SpdmVersion;

/** Bytes sent as they are, to put a malformed message inside a session. */
record RawMessage(byte[] bytes) implements SpdmMessage {
    @Override
    public SpdmVersion version() {
        return bytes.length > 0 ? SpdmVersion.fromHeaderByte(bytes[0] & 0xFF) : SpdmVersion.V1_0;
    }

    @Override
    public int code() {
        return bytes.length > 1 ? bytes[1] & 0xFF : 0;
    }

    @Override
    public byte[] encode() {
        return bytes.clone();
    }
}
