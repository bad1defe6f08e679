package io.teeio.spdm.message;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.SpdmDecodeException;

/** GET_DIGESTS: header only. */
public record GetDigests(SpdmVersion version) implements SpdmMessage {
    @Override
    public int code() {
        return SpdmCode.GET_DIGESTS;
    }

    @Override
    public byte[] encode() {
        return SpdmHeader.start(version, code(), 0, 0).toByteArray();
    }

    public static GetDigests read(ByteReader r) throws SpdmDecodeException {
        return new GetDigests(SpdmHeader.expect(r, SpdmCode.GET_DIGESTS).version());
    }
}
