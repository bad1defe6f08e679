package io.teeio.spdm.message;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;

/** CERTIFICATE: one portion of a slot's SPDM certificate chain and how much remains. */
public record CertificateResponse(SpdmVersion version, int slot, int param2, Bytes portion, int remainderLength)
        implements SpdmMessage {

    public CertificateResponse {
        Fields.requireU16(portion.length(), "PortionLength");
        Fields.requireU16(remainderLength, "RemainderLength");
    }

    @Override
    public int code() {
        return SpdmCode.CERTIFICATE;
    }

    @Override
    public byte[] encode() {
        return SpdmHeader.start(version, code(), slot, param2).u16(portion.length()).u16(remainderLength)
                .bytes(portion).toByteArray();
    }

    public static CertificateResponse read(ByteReader r) throws SpdmDecodeException {
        SpdmHeader h = SpdmHeader.expect(r, SpdmCode.CERTIFICATE);
        int portion = r.u16("PortionLength");
        int remainder = r.u16("RemainderLength");
        return new CertificateResponse(h.version(), h.param1(), h.param2(), r.bytes(portion, "CertChain"), remainder);
    }
}
