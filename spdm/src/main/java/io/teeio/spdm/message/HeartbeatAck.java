package io.teeio.spdm.message;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.SpdmDecodeException;

/** HEARTBEAT_ACK. */
public record HeartbeatAck(SpdmVersion version) implements SpdmMessage {
    @Override
    public int code() {
        return SpdmCode.HEARTBEAT_ACK;
    }

    @Override
    public byte[] encode() {
        return SpdmHeader.start(version, code(), 0, 0).toByteArray();
    }

    public static HeartbeatAck read(ByteReader r) throws SpdmDecodeException {
        return new HeartbeatAck(SpdmHeader.expect(r, SpdmCode.HEARTBEAT_ACK).version());
    }
}
