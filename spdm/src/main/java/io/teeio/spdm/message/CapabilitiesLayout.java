package io.teeio.spdm.message;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.ByteWriter;
import io.teeio.spdm.codec.SpdmDecodeException;

/**
 * The body both capability messages share. CTExponent and Flags appear from 1.1 in GET_CAPABILITIES but
 * already at 1.0 in CAPABILITIES (a 1.0 request is the bare header, a 1.0 response 12 bytes: libspdm's
 * requester rejects a shorter one); DataTransferSize and MaxSPDMmsgSize from 1.2 in both.
 */
final class CapabilitiesLayout {
    private CapabilitiesLayout() {
    }

    static byte[] encode(SpdmVersion v, SpdmVersion flagsFrom, int code, int param1, int ct, int flags, int dts,
            int max) {
        ByteWriter w = SpdmHeader.start(v, code, param1, 0);
        if (v.atLeast(flagsFrom)) {
            w.u8(0).u8(ct).u16(0).u32(flags);
        }
        if (v.atLeast(SpdmVersion.V1_2)) {
            w.u32(dts).u32(max);
        }
        return w.toByteArray();
    }

    /** Returns {ctExponent, flags, dataTransferSize, maxSpdmMsgSize}; absent fields are 0. */
    static int[] readBody(ByteReader r, SpdmVersion v, SpdmVersion flagsFrom) throws SpdmDecodeException {
        int[] f = new int[4];
        if (v.atLeast(flagsFrom)) {
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
