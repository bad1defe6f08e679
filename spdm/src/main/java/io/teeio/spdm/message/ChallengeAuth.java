package io.teeio.spdm.message;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.ByteWriter;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;

/**
 * CHALLENGE_AUTH. The MeasurementSummaryHash is present iff the responder has MEAS_CAP and the request's
 * Param2 was non-zero; decoding therefore needs that fact and the negotiated sizes.
 */
public record ChallengeAuth(SpdmVersion version, int param1, int slotMask, Bytes certChainHash, Bytes nonce,
        Bytes measurementSummaryHash, Bytes opaqueData, Bytes requesterContext, Bytes signature)
        implements SpdmMessage {

    public ChallengeAuth {
        Fields.requireLength(nonce, 32, "Nonce");
        Fields.requireU16(opaqueData.length(), "OpaqueDataLength");
        Fields.requireLength(requesterContext, version.atLeast(SpdmVersion.V1_3) ? 8 : 0, "RequesterContext");
    }

    @Override
    public int code() {
        return SpdmCode.CHALLENGE_AUTH;
    }

    public int slot() {
        return param1 & 0x0F;
    }

    @Override
    public byte[] encode() {
        ByteWriter w = writeUnsigned();
        return w.bytes(signature).toByteArray();
    }

    /** The message without its Signature field: what transcript C holds. */
    public byte[] encodeWithoutSignature() {
        return writeUnsigned().toByteArray();
    }

    private ByteWriter writeUnsigned() {
        return SpdmHeader.start(version, code(), param1, slotMask).bytes(certChainHash).bytes(nonce)
                .bytes(measurementSummaryHash).u16(opaqueData.length()).bytes(opaqueData).bytes(requesterContext);
    }

    public ChallengeAuth withSignature(Bytes sig) {
        return new ChallengeAuth(version, param1, slotMask, certChainHash, nonce, measurementSummaryHash, opaqueData,
                requesterContext, sig);
    }

    public static ChallengeAuth read(ByteReader r, int hashSize, int signatureSize, boolean measurementSummaryPresent)
            throws SpdmDecodeException {
        SpdmHeader h = SpdmHeader.expect(r, SpdmCode.CHALLENGE_AUTH);
        Bytes chainHash = r.bytes(hashSize, "CertChainHash");
        Bytes nonce = r.bytes(32, "Nonce");
        Bytes summary = measurementSummaryPresent ? r.bytes(hashSize, "MeasurementSummaryHash") : Bytes.EMPTY;
        int opaqueLength = r.u16("OpaqueDataLength");
        Bytes opaque = r.bytes(opaqueLength, "OpaqueData");
        Bytes ctx = h.version().atLeast(SpdmVersion.V1_3) ? r.bytes(8, "RequesterContext") : Bytes.EMPTY;
        Bytes sig = r.bytes(signatureSize, "Signature");
        return new ChallengeAuth(h.version(), h.param1(), h.param2(), chainHash, nonce, summary, opaque, ctx, sig);
    }
}
