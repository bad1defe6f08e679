package io.teeio.spdm.message;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;

/**
 * KEY_EXCHANGE: Param1 = MeasurementSummaryHashType, Param2 = SlotID; the requester's session-id half,
 * SessionPolicy, RandomData, its DHE public value (D bytes) and opaque data.
 */
public record KeyExchange(SpdmVersion version, int measurementSummaryHashType, int slot, int reqSessionId,
        int sessionPolicy, Bytes randomData, Bytes exchangeData, Bytes opaqueData) implements SpdmMessage {

    public KeyExchange {
        Fields.requireU16(reqSessionId, "ReqSessionID");
        Fields.requireLength(randomData, 32, "RandomData");
        Fields.requireU16(opaqueData.length(), "OpaqueDataLength");
    }

    @Override
    public int code() {
        return SpdmCode.KEY_EXCHANGE;
    }

    @Override
    public byte[] encode() {
        return SpdmHeader.start(version, code(), measurementSummaryHashType, slot).u16(reqSessionId).u8(sessionPolicy)
                .u8(0).bytes(randomData).bytes(exchangeData).u16(opaqueData.length()).bytes(opaqueData).toByteArray();
    }

    public static KeyExchange read(ByteReader r, int dheSize) throws SpdmDecodeException {
        SpdmHeader h = SpdmHeader.expect(r, SpdmCode.KEY_EXCHANGE);
        int session = r.u16("ReqSessionID");
        int policy = r.u8("SessionPolicy");
        r.skip(1, "Reserved");
        Bytes random = r.bytes(32, "RandomData");
        Bytes exchange = r.bytes(dheSize, "ExchangeData");
        int opaqueLength = r.u16("OpaqueDataLength");
        Bytes opaque = r.bytes(opaqueLength, "OpaqueData");
        return new KeyExchange(h.version(), h.param1(), h.param2(), session, policy, random, exchange, opaque);
    }
}
