package io.teeio.pcie.vdm;

import io.teeio.spdm.codec.ByteWriter;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;

/** ProtocolID byte + protocol message, to and from {@link PciSigPayload}. */
public final class PciSigPayloadCodec {
    private PciSigPayloadCodec() {
    }

    public static byte[] encode(PciSigPayload payload) {
        return new ByteWriter().u8(payload.protocol().id()).bytes(payload.message()).toByteArray();
    }

    public static PciSigPayload decode(byte[] bytes) throws SpdmDecodeException {
        if (bytes.length == 0) {
            throw new SpdmDecodeException("PCI-SIG vendor payload: empty, the ProtocolID byte is missing");
        }
        int id = bytes[0] & 0xFF;
        PciSigProtocol protocol = PciSigProtocol.fromId(id).orElseThrow(() -> new SpdmDecodeException(
                "PCI-SIG vendor payload: unknown ProtocolID 0x" + Integer.toHexString(id)));
        return new PciSigPayload(protocol, Bytes.of(bytes, 1, bytes.length - 1));
    }
}
