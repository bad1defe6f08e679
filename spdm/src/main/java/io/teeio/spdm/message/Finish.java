package io.teeio.spdm.message;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;

/** FINISH: Param1 bit0 SignatureIncluded, Param2 requester slot; optional signature; RequesterVerifyData. */
public record Finish(SpdmVersion version, int param1, int slot, Bytes signature, Bytes requesterVerifyData)
        implements SpdmMessage {

    public static final int SIGNATURE_INCLUDED = 0x01;

    @Override
    public int code() {
        return SpdmCode.FINISH;
    }

    public boolean signatureIncluded() {
        return (param1 & SIGNATURE_INCLUDED) != 0;
    }

    /** The 4-byte header plus signature: what RequesterVerifyData is computed over (after the transcript). */
    public byte[] encodeBeforeVerifyData() {
        return SpdmHeader.start(version, code(), param1, slot).bytes(signature).toByteArray();
    }

    @Override
    public byte[] encode() {
        return SpdmHeader.start(version, code(), param1, slot).bytes(signature).bytes(requesterVerifyData)
                .toByteArray();
    }

    public static Finish read(ByteReader r, int hashSize, int requesterSignatureSize) throws SpdmDecodeException {
        SpdmHeader h = SpdmHeader.expect(r, SpdmCode.FINISH);
        Bytes sig = (h.param1() & SIGNATURE_INCLUDED) != 0 ? r.bytes(requesterSignatureSize, "Signature") : Bytes.EMPTY;
        return new Finish(h.version(), h.param1(), h.param2(), sig, r.bytes(hashSize, "RequesterVerifyData"));
    }
}
