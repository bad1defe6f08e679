package io.teeio.spdm.message;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.SpdmDecodeException;

/**
 * GET_CAPABILITIES. Layout grows with the version: 4 bytes at 1.0, 12 at 1.1 (CTExponent, Flags),
 * 20 at 1.2+ (DataTransferSize, MaxSPDMmsgSize).
 */
public record GetCapabilities(SpdmVersion version, int param1, int ctExponent, int flags, int dataTransferSize,
        int maxSpdmMsgSize) implements SpdmMessage {

    @Override
    public int code() {
        return SpdmCode.GET_CAPABILITIES;
    }

    @Override
    public byte[] encode() {
        return CapabilitiesLayout.encode(version, SpdmVersion.V1_1, code(), param1, ctExponent, flags,
                dataTransferSize, maxSpdmMsgSize);
    }

    public static GetCapabilities read(ByteReader r) throws SpdmDecodeException {
        SpdmHeader h = SpdmHeader.expect(r, SpdmCode.GET_CAPABILITIES);
        int[] f = CapabilitiesLayout.readBody(r, h.version(), SpdmVersion.V1_1);
        return new GetCapabilities(h.version(), h.param1(), f[0], f[1], f[2], f[3]);
    }
}
