package io.teeio.spdm.message;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.SpdmDecodeException;

/** HEARTBEAT: keeps a session alive. */
public record Heartbeat(SpdmVersion version) implements SpdmMessage {
    @Override
    public int code() {
        return SpdmCode.HEARTBEAT;
    }

    @Override
    public byte[] encode() {
        return SpdmHeader.start(version, code(), 0, 0).toByteArray();
    }

    public static Heartbeat read(ByteReader r) throws SpdmDecodeException {
        return new Heartbeat(SpdmHeader.expect(r, SpdmCode.HEARTBEAT).version());
    }
}
