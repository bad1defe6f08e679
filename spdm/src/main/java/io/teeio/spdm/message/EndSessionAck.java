package io.teeio.spdm.message;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.SpdmDecodeException;

/** END_SESSION_ACK. */
public record EndSessionAck(SpdmVersion version) implements SpdmMessage {
    @Override
    public int code() {
        return SpdmCode.END_SESSION_ACK;
    }

    @Override
    public byte[] encode() {
        return SpdmHeader.start(version, code(), 0, 0).toByteArray();
    }

    public static EndSessionAck read(ByteReader r) throws SpdmDecodeException {
        return new EndSessionAck(SpdmHeader.expect(r, SpdmCode.END_SESSION_ACK).version());
    }
}
