package io.teeio.spdm.message;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.SpdmDecodeException;

/** KEY_UPDATE_ACK: Param1 = KeyOperation (1 UpdateKey, 2 UpdateAllKeys, 3 VerifyNewKey), Param2 = Tag. */
public record KeyUpdateAck(SpdmVersion version, int operation, int tag) implements SpdmMessage {
    public static final int UPDATE_KEY = 1;
    public static final int UPDATE_ALL_KEYS = 2;
    public static final int VERIFY_NEW_KEY = 3;

    @Override
    public int code() {
        return SpdmCode.KEY_UPDATE_ACK;
    }

    @Override
    public byte[] encode() {
        return SpdmHeader.start(version, code(), operation, tag).toByteArray();
    }

    public static KeyUpdateAck read(ByteReader r) throws SpdmDecodeException {
        SpdmHeader h = SpdmHeader.expect(r, SpdmCode.KEY_UPDATE_ACK);
        return new KeyUpdateAck(h.version(), h.param1(), h.param2());
    }
}
