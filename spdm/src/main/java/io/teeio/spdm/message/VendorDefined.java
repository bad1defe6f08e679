package io.teeio.spdm.message;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.ByteWriter;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;

/**
 * VENDOR_DEFINED_REQUEST (0xFE) and VENDOR_DEFINED_RESPONSE (0x7E): StandardID (registry), VendorID of
 * the length the registry implies, and a length-prefixed payload.
 */
public record VendorDefined(SpdmVersion version, boolean request, int standardId, Bytes vendorId, Bytes payload)
        implements SpdmMessage {

    public static final int STANDARD_ID_PCI_SIG = 3;
    public static final Bytes PCI_SIG_VENDOR_ID = Bytes.of((byte) 0x01, (byte) 0x00);

    public VendorDefined {
        Fields.requireU16(standardId, "StandardID");
        if (vendorId.length() > 255) {
            throw new IllegalArgumentException("VendorID longer than 255 bytes");
        }
        Fields.requireU16(payload.length(), "ReqLength/RespLength");
    }

    public static VendorDefined pciSigRequest(SpdmVersion v, Bytes payload) {
        return new VendorDefined(v, true, STANDARD_ID_PCI_SIG, PCI_SIG_VENDOR_ID, payload);
    }

    public static VendorDefined pciSigResponse(SpdmVersion v, Bytes payload) {
        return new VendorDefined(v, false, STANDARD_ID_PCI_SIG, PCI_SIG_VENDOR_ID, payload);
    }

    public boolean isPciSig() {
        return standardId == STANDARD_ID_PCI_SIG && vendorId.equals(PCI_SIG_VENDOR_ID);
    }

    @Override
    public int code() {
        return request ? SpdmCode.VENDOR_DEFINED_REQUEST : SpdmCode.VENDOR_DEFINED_RESPONSE;
    }

    @Override
    public byte[] encode() {
        ByteWriter w = SpdmHeader.start(version, code(), 0, 0).u16(standardId).u8(vendorId.length()).bytes(vendorId);
        return w.u16(payload.length()).bytes(payload).toByteArray();
    }

    public static VendorDefined read(ByteReader r) throws SpdmDecodeException {
        SpdmHeader h = SpdmHeader.read(r);
        if (h.code() != SpdmCode.VENDOR_DEFINED_REQUEST && h.code() != SpdmCode.VENDOR_DEFINED_RESPONSE) {
            throw new SpdmDecodeException("expected VENDOR_DEFINED_REQUEST or VENDOR_DEFINED_RESPONSE but the code is "
                    + SpdmCode.name(h.code()));
        }
        int standard = r.u16("StandardID");
        int len = r.u8("Len");
        Bytes vendor = r.bytes(len, "VendorID");
        int payloadLength = r.u16("ReqLength/RespLength");
        Bytes payload = r.bytes(payloadLength, "VendorDefinedPayload");
        return new VendorDefined(h.version(), h.code() == SpdmCode.VENDOR_DEFINED_REQUEST, standard, vendor, payload);
    }
}
