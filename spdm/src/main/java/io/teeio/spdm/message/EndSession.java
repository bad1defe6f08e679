package io.teeio.spdm.message;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.SpdmDecodeException;

/** END_SESSION: Param1 bit0 = NegotiatedStatePreservationIndicator. */
public record EndSession(SpdmVersion version, int attributes) implements SpdmMessage {
    @Override
    public int code() {
        return SpdmCode.END_SESSION;
    }

    @Override
    public byte[] encode() {
        return SpdmHeader.start(version, code(), attributes, 0).toByteArray();
    }

    public static EndSession read(ByteReader r) throws SpdmDecodeException {
        SpdmHeader h = SpdmHeader.expect(r, SpdmCode.END_SESSION);
        return new EndSession(h.version(), h.param1());
    }
}
