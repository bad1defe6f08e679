package io.teeio.spdm.message;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.ByteWriter;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;

/** CHALLENGE: slot (Param1), MeasurementSummaryHashType (Param2), nonce; 1.3 adds RequesterContext. */
public record Challenge(SpdmVersion version, int slot, int measurementSummaryHashType, Bytes nonce,
        Bytes requesterContext) implements SpdmMessage {

    public Challenge {
        Fields.requireLength(nonce, 32, "Nonce");
        Fields.requireLength(requesterContext, version.atLeast(SpdmVersion.V1_3) ? 8 : 0, "RequesterContext");
    }

    @Override
    public int code() {
        return SpdmCode.CHALLENGE;
    }

    @Override
    public byte[] encode() {
        ByteWriter w = SpdmHeader.start(version, code(), slot, measurementSummaryHashType).bytes(nonce);
        return w.bytes(requesterContext).toByteArray();
    }

    public static Challenge read(ByteReader r) throws SpdmDecodeException {
        SpdmHeader h = SpdmHeader.expect(r, SpdmCode.CHALLENGE);
        Bytes nonce = r.bytes(32, "Nonce");
        Bytes ctx = h.version().atLeast(SpdmVersion.V1_3) ? r.bytes(8, "RequesterContext") : Bytes.EMPTY;
        return new Challenge(h.version(), h.param1(), h.param2(), nonce, ctx);
    }
}
