package io.teeio.spdm.message;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.ByteWriter;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;

/**
 * GET_MEASUREMENTS. Param1 = attributes (bit0 SignatureRequested, bit1 RawBitStreamRequested), Param2 =
 * operation (0 count, 1..0xFE one index, 0xFF all). Nonce and SlotIDParam are present only when a
 * signature is requested; RequesterContext (1.3) always.
 */
public record GetMeasurements(SpdmVersion version, int attributes, int operation, Bytes nonce, int slotIdParam,
        Bytes requesterContext) implements SpdmMessage {

    public static final int SIGNATURE_REQUESTED = 0x01;
    public static final int RAW_BIT_STREAM_REQUESTED = 0x02;
    public static final int OPERATION_COUNT = 0x00;
    public static final int OPERATION_ALL = 0xFF;

    public GetMeasurements {
        Fields.requireLength(nonce, signatureRequested(attributes) ? 32 : 0, "Nonce");
        Fields.requireLength(requesterContext, version.atLeast(SpdmVersion.V1_3) ? 8 : 0, "RequesterContext");
    }

    private static boolean signatureRequested(int attributes) {
        return (attributes & SIGNATURE_REQUESTED) != 0;
    }

    public boolean signatureRequested() {
        return signatureRequested(attributes);
    }

    @Override
    public int code() {
        return SpdmCode.GET_MEASUREMENTS;
    }

    @Override
    public byte[] encode() {
        ByteWriter w = SpdmHeader.start(version, code(), attributes, operation);
        if (signatureRequested()) {
            w.bytes(nonce);
            if (version.atLeast(SpdmVersion.V1_1)) {
                w.u8(slotIdParam);
            }
        }
        return w.bytes(requesterContext).toByteArray();
    }

    public static GetMeasurements read(ByteReader r) throws SpdmDecodeException {
        SpdmHeader h = SpdmHeader.expect(r, SpdmCode.GET_MEASUREMENTS);
        Bytes nonce = Bytes.EMPTY;
        int slot = 0;
        if (signatureRequested(h.param1())) {
            nonce = r.bytes(32, "Nonce");
            slot = h.version().atLeast(SpdmVersion.V1_1) ? r.u8("SlotIDParam") : 0;
        }
        Bytes ctx = h.version().atLeast(SpdmVersion.V1_3) ? r.bytes(8, "RequesterContext") : Bytes.EMPTY;
        return new GetMeasurements(h.version(), h.param1(), h.param2(), nonce, slot, ctx);
    }
}
