package io.teeio.spdm.message;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.ByteWriter;
import io.teeio.spdm.codec.SpdmDecodeException;

/** The 4-byte header every SPDM message starts with. */
public record SpdmHeader(SpdmVersion version, int code, int param1, int param2) {

    public static SpdmHeader read(ByteReader r) throws SpdmDecodeException {
        int v = r.u8("SPDMVersion");
        int code = r.u8("RequestResponseCode");
        int p1 = r.u8("Param1");
        int p2 = r.u8("Param2");
        return new SpdmHeader(SpdmVersion.fromHeaderByte(v), code, p1, p2);
    }

    /** Peeks at the header of a message without consuming anything else. */
    public static SpdmHeader peek(byte[] message) throws SpdmDecodeException {
        return read(new ByteReader(message, "SPDM message"));
    }

    /** Reads the header and checks it carries {@code expectedCode}. */
    static SpdmHeader expect(ByteReader r, int expectedCode) throws SpdmDecodeException {
        SpdmHeader h = read(r);
        if (h.code != expectedCode) {
            throw new SpdmDecodeException("expected " + SpdmCode.name(expectedCode) + " but the code is "
                    + SpdmCode.name(h.code));
        }
        return h;
    }

    static ByteWriter start(SpdmVersion version, int code, int param1, int param2) {
        return new ByteWriter().u8(version.headerByte()).u8(code).u8(param1).u8(param2);
    }
}
