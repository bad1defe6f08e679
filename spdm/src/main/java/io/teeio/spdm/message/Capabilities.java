package io.teeio.spdm.message;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.SpdmDecodeException;

/** CAPABILITIES: the layout of GET_CAPABILITIES, except that at 1.0 it already carries CTExponent and Flags. */
public record Capabilities(SpdmVersion version, int param1, int ctExponent, int flags, int dataTransferSize,
        int maxSpdmMsgSize) implements SpdmMessage {

    @Override
    public int code() {
        return SpdmCode.CAPABILITIES;
    }

    @Override
    public byte[] encode() {
        return CapabilitiesLayout.encode(version, SpdmVersion.V1_0, code(), param1, ctExponent, flags,
                dataTransferSize, maxSpdmMsgSize);
    }

    public static Capabilities read(ByteReader r) throws SpdmDecodeException {
        SpdmHeader h = SpdmHeader.expect(r, SpdmCode.CAPABILITIES);
        int[] f = CapabilitiesLayout.readBody(r, h.version(), SpdmVersion.V1_0);
        return new Capabilities(h.version(), h.param1(), f[0], f[1], f[2], f[3]);
    }
}
