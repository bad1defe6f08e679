package io.teeio.pcie.tdisp;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.SpdmDecodeException;
import java.util.Objects;

/**
 * The 16-byte header of every TDISP message, read on its own so a responder can tell a wrong version or an
 * unknown code from a malformed body.
 *
 * @param version     TDISPVersion (0x10 for 1.0)
 * @param messageType raw MessageType code
 */
public record TdispHeader(int version, int messageType, InterfaceId interfaceId) {
    public static final int LENGTH = 16;
    public static final int VERSION_1_0 = 0x10;

    public TdispHeader {
        Objects.requireNonNull(interfaceId, "interfaceId");
    }

    /** Reads the first 16 bytes; reserved bytes must be zero. The body is not looked at. */
    public static TdispHeader decode(byte[] message) throws SpdmDecodeException {
        return read(new ByteReader(message, "TDISP header"));
    }

    static TdispHeader read(ByteReader r) throws SpdmDecodeException {
        int version = r.u8("TDISPVersion");
        int type = r.u8("MessageType");
        if (r.u16("Reserved") != 0) {
            throw new SpdmDecodeException("TDISP header: reserved bytes 2-3 are not zero");
        }
        int functionId = r.u32("FUNCTION_ID");
        for (int i = 0; i < 8; i++) {
            if (r.u8("INTERFACE_ID reserved") != 0) {
                throw new SpdmDecodeException("TDISP header: reserved INTERFACE_ID byte at offset " + (8 + i)
                        + " is not zero");
            }
        }
        return new TdispHeader(version, type, new InterfaceId(functionId));
    }
}
