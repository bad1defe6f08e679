package io.teeio.spdm.message;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.ByteWriter;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;
import java.util.List;

/**
 * MEASUREMENTS. Param1 = number of indices for operation 0; Param2 = slot (signed) and content-changed
 * bits; the record of NumberOfBlocks blocks; nonce (always at 1.2+); opaque data; RequesterContext (1.3);
 * signature iff the request asked for one.
 */
public record Measurements(SpdmVersion version, int param1, int param2, int numberOfBlocks, Bytes measurementRecord,
        Bytes nonce, Bytes opaqueData, Bytes requesterContext, Bytes signature) implements SpdmMessage {

    public Measurements {
        if (measurementRecord.length() > 0xFFFFFF) {
            throw new IllegalArgumentException("MeasurementRecordLength does not fit 24 bits");
        }
        Fields.requireU16(opaqueData.length(), "OpaqueDataLength");
        Fields.requireLength(requesterContext, version.atLeast(SpdmVersion.V1_3) ? 8 : 0, "RequesterContext");
    }

    @Override
    public int code() {
        return SpdmCode.MEASUREMENTS;
    }

    public List<MeasurementBlock> blocks() throws SpdmDecodeException {
        return MeasurementBlock.decodeAll(measurementRecord, numberOfBlocks);
    }

    @Override
    public byte[] encode() {
        return writeUnsigned().bytes(signature).toByteArray();
    }

    /** The message without its Signature: the last part of L1/L2. */
    public byte[] encodeWithoutSignature() {
        return writeUnsigned().toByteArray();
    }

    private ByteWriter writeUnsigned() {
        return SpdmHeader.start(version, code(), param1, param2).u8(numberOfBlocks).u24(measurementRecord.length())
                .bytes(measurementRecord).bytes(nonce).u16(opaqueData.length()).bytes(opaqueData)
                .bytes(requesterContext);
    }

    public Measurements withSignature(Bytes sig) {
        return new Measurements(version, param1, param2, numberOfBlocks, measurementRecord, nonce, opaqueData,
                requesterContext, sig);
    }

    /** Nonce present at 1.2+ always, before 1.2 only with a signature. */
    static boolean noncePresent(SpdmVersion v, boolean signed) {
        return signed || v.atLeast(SpdmVersion.V1_2);
    }

    public static Measurements read(ByteReader r, boolean signatureRequested, int signatureSize)
            throws SpdmDecodeException {
        SpdmHeader h = SpdmHeader.expect(r, SpdmCode.MEASUREMENTS);
        int blocks = r.u8("NumberOfBlocks");
        int length = r.u24("MeasurementRecordLength");
        Bytes record = r.bytes(length, "MeasurementRecord");
        Bytes nonce = noncePresent(h.version(), signatureRequested) ? r.bytes(32, "Nonce") : Bytes.EMPTY;
        int opaqueLength = r.u16("OpaqueDataLength");
        Bytes opaque = r.bytes(opaqueLength, "OpaqueData");
        Bytes ctx = h.version().atLeast(SpdmVersion.V1_3) ? r.bytes(8, "RequesterContext") : Bytes.EMPTY;
        Bytes sig = signatureRequested ? r.bytes(signatureSize, "Signature") : Bytes.EMPTY;
        return new Measurements(h.version(), h.param1(), h.param2(), blocks, record, nonce, opaque, ctx, sig);
    }
}
