package io.teeio.spdm.message;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;

/** FINISH_RSP: ResponderVerifyData only when the handshake is in the clear. */
public record FinishRsp(SpdmVersion version, Bytes responderVerifyData) implements SpdmMessage {
    @Override
    public int code() {
        return SpdmCode.FINISH_RSP;
    }

    public byte[] encodeHeader() {
        return SpdmHeader.start(version, code(), 0, 0).toByteArray();
    }

    @Override
    public byte[] encode() {
        return SpdmHeader.start(version, code(), 0, 0).bytes(responderVerifyData).toByteArray();
    }

    public static FinishRsp read(ByteReader r, int hashSize, boolean verifyDataPresent) throws SpdmDecodeException {
        SpdmHeader h = SpdmHeader.expect(r, SpdmCode.FINISH_RSP);
        return new FinishRsp(h.version(), verifyDataPresent ? r.bytes(hashSize, "ResponderVerifyData") : Bytes.EMPTY);
    }
}
