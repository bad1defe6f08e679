package io.teeio.spdm.message;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.SpdmDecodeException;

/** RESPOND_IF_READY: Param1 = the original request code, Param2 = the token from ResponseNotReady. */
public record RespondIfReady(SpdmVersion version, int requestCode, int token) implements SpdmMessage {
    @Override
    public int code() {
        return SpdmCode.RESPOND_IF_READY;
    }

    @Override
    public byte[] encode() {
        return SpdmHeader.start(version, code(), requestCode, token).toByteArray();
    }

    public static RespondIfReady read(ByteReader r) throws SpdmDecodeException {
        SpdmHeader h = SpdmHeader.expect(r, SpdmCode.RESPOND_IF_READY);
        return new RespondIfReady(h.version(), h.param1(), h.param2());
    }
}
