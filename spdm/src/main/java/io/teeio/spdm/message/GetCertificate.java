package io.teeio.spdm.message;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.SpdmDecodeException;

/** GET_CERTIFICATE: a portion (Offset, Length) of the chain in a slot. */
public record GetCertificate(SpdmVersion version, int slot, int param2, int offset, int length) implements SpdmMessage {
    @Override
    public int code() {
        return SpdmCode.GET_CERTIFICATE;
    }

    @Override
    public byte[] encode() {
        return SpdmHeader.start(version, code(), slot, param2).u16(offset).u16(length).toByteArray();
    }

    public static GetCertificate read(ByteReader r) throws SpdmDecodeException {
        SpdmHeader h = SpdmHeader.expect(r, SpdmCode.GET_CERTIFICATE);
        return new GetCertificate(h.version(), h.param1(), h.param2(), r.u16("Offset"), r.u16("Length"));
    }
}
