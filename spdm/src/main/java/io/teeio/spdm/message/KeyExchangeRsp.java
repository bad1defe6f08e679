package io.teeio.spdm.message;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.ByteWriter;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;

/**
 * KEY_EXCHANGE_RSP. MeasurementSummaryHash present iff KEY_EXCHANGE asked for one; ResponderVerifyData
 * absent iff both sides set HANDSHAKE_IN_THE_CLEAR_CAP.
 */
public record KeyExchangeRsp(SpdmVersion version, int heartbeatPeriod, int rspSessionId, int mutAuthRequested,
        int slotIdParam, Bytes randomData, Bytes exchangeData, Bytes measurementSummaryHash, Bytes opaqueData,
        Bytes signature, Bytes responderVerifyData) implements SpdmMessage {

    public KeyExchangeRsp {
        Fields.requireU16(rspSessionId, "RspSessionID");
        Fields.requireLength(randomData, 32, "RandomData");
        Fields.requireU16(opaqueData.length(), "OpaqueDataLength");
    }

    @Override
    public int code() {
        return SpdmCode.KEY_EXCHANGE_RSP;
    }

    /** Everything before Signature: what the responder signs over (TH for the signature). */
    public byte[] encodeBeforeSignature() {
        return writeBeforeSignature().toByteArray();
    }

    /** Everything up to and including Signature: the TH1 part (ResponderVerifyData excluded). */
    public byte[] encodeThroughSignature() {
        return writeBeforeSignature().bytes(signature).toByteArray();
    }

    @Override
    public byte[] encode() {
        return writeBeforeSignature().bytes(signature).bytes(responderVerifyData).toByteArray();
    }

    private ByteWriter writeBeforeSignature() {
        return SpdmHeader.start(version, code(), heartbeatPeriod, 0).u16(rspSessionId).u8(mutAuthRequested)
                .u8(slotIdParam).bytes(randomData).bytes(exchangeData).bytes(measurementSummaryHash)
                .u16(opaqueData.length()).bytes(opaqueData);
    }

    public KeyExchangeRsp withSignature(Bytes sig) {
        return new KeyExchangeRsp(version, heartbeatPeriod, rspSessionId, mutAuthRequested, slotIdParam, randomData,
                exchangeData, measurementSummaryHash, opaqueData, sig, responderVerifyData);
    }

    public KeyExchangeRsp withVerifyData(Bytes verify) {
        return new KeyExchangeRsp(version, heartbeatPeriod, rspSessionId, mutAuthRequested, slotIdParam, randomData,
                exchangeData, measurementSummaryHash, opaqueData, signature, verify);
    }

    public static KeyExchangeRsp read(ByteReader r, int dheSize, int hashSize, int signatureSize,
            boolean measurementSummaryPresent, boolean verifyDataPresent) throws SpdmDecodeException {
        SpdmHeader h = SpdmHeader.expect(r, SpdmCode.KEY_EXCHANGE_RSP);
        int session = r.u16("RspSessionID");
        int mut = r.u8("MutAuthRequested");
        int slot = r.u8("SlotIDParam");
        Bytes random = r.bytes(32, "RandomData");
        Bytes exchange = r.bytes(dheSize, "ExchangeData");
        Bytes summary = measurementSummaryPresent ? r.bytes(hashSize, "MeasurementSummaryHash") : Bytes.EMPTY;
        int opaqueLength = r.u16("OpaqueDataLength");
        Bytes opaque = r.bytes(opaqueLength, "OpaqueData");
        Bytes sig = r.bytes(signatureSize, "Signature");
        Bytes verify = verifyDataPresent ? r.bytes(hashSize, "ResponderVerifyData") : Bytes.EMPTY;
        return new KeyExchangeRsp(h.version(), h.param1(), session, mut, slot, random, exchange, summary, opaque, sig,
                verify);
    }
}
