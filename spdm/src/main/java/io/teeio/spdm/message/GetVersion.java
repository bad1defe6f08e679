package io.teeio.spdm.message;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.SpdmDecodeException;

/** GET_VERSION: always SPDMVersion 1.0; resets the connection. */
public record GetVersion(SpdmVersion version) implements SpdmMessage {
    public GetVersion() {
        this(SpdmVersion.V1_0);
    }

    @Override
    public int code() {
        return SpdmCode.GET_VERSION;
    }

    @Override
    public byte[] encode() {
        return SpdmHeader.start(version, code(), 0, 0).toByteArray();
    }

    public static GetVersion read(ByteReader r) throws SpdmDecodeException {
        return new GetVersion(SpdmHeader.expect(r, SpdmCode.GET_VERSION).version());
    }
}
