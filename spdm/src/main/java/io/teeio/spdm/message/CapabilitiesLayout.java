package io.teeio.spdm.message;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.ByteWriter;
import io.teeio.spdm.codec.SpdmDecodeException;

/** The body both capability messages share. */
final class CapabilitiesLayout {
    private CapabilitiesLayout() {
    }

    static byte[] encode(SpdmVersion v, int code, int param1, int ct, int flags, int dts, int max) {
        ByteWriter w = SpdmHeader.start(v, code, param1, 0);
        if (v.atLeast(SpdmVersion.V1_1)) {
            w.u8(0).u8(ct).u16(0).u32(flags);
        }
        if (v.atLeast(SpdmVersion.V1_2)) {
            w.u32(dts).u32(max);
        }
        return w.toByteArray();
    }

    /** Returns {ctExponent, flags, dataTransferSize, maxSpdmMsgSize}; absent fields are 0. */
    static int[] readBody(ByteReader r, SpdmVersion v) throws SpdmDecodeException {
        int[] f = new int[4];
        if (v.atLeast(SpdmVersion.V1_1)) {
            r.skip(1, "Reserved");
            f[0] = r.u8("CTExponent");
            r.skip(2, "Reserved");
            f[1] = r.u32("Flags");
        }
        if (v.atLeast(SpdmVersion.V1_2)) {
            f[2] = r.u32("DataTransferSize");
            f[3] = r.u32("MaxSPDMmsgSize");
        }
        return f;
    }
}
