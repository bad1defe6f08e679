package io.teeio.pcie.doe;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.ByteWriter;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;

/** Discovery request/response to and from their DOE data objects (both are one payload DW). */
public final class DoeDiscoveryCodec {
    private DoeDiscoveryCodec() {
    }

    public static DataObject encode(DoeDiscoveryRequest request) {
        byte[] dw = new ByteWriter().u8(request.index()).u8(request.version()).u16(0).toByteArray();
        return DataObject.of(DoeProtocol.DISCOVERY, Bytes.of(dw));
    }

    public static DataObject encode(DoeDiscoveryResponse response) {
        byte[] dw = new ByteWriter().u16(response.protocol().vendorId()).u8(response.protocol().dataObjectType())
                .u8(response.nextIndex()).toByteArray();
        return DataObject.of(DoeProtocol.DISCOVERY, Bytes.of(dw));
    }

    public static DoeDiscoveryRequest decodeRequest(DataObject object) throws SpdmDecodeException {
        ByteReader r = payload(object, "DOE discovery request");
        int index = r.u8("Index");
        int version = r.u8("Version");
        int reserved = r.u16("Reserved");
        if (reserved != 0) {
            throw new SpdmDecodeException("DOE discovery request: reserved bytes 2-3 are 0x"
                    + Integer.toHexString(reserved) + ", must be 0");
        }
        return new DoeDiscoveryRequest(index, version);
    }

    public static DoeDiscoveryResponse decodeResponse(DataObject object) throws SpdmDecodeException {
        ByteReader r = payload(object, "DOE discovery response");
        int vendorId = r.u16("VendorID");
        int type = r.u8("DataObjectType");
        int next = r.u8("NextIndex");
        return new DoeDiscoveryResponse(new DoeProtocol(vendorId, type), next);
    }

    private static ByteReader payload(DataObject object, String what) throws SpdmDecodeException {
        if (!object.protocol().equals(DoeProtocol.DISCOVERY)) {
            throw new SpdmDecodeException(what + ": object is " + object.protocol() + ", not discovery");
        }
        if (object.payload().length() != 4) {
            throw new SpdmDecodeException(what + ": payload is " + object.payload().length() + " bytes, must be 4");
        }
        return new ByteReader(object.payload().toByteArray(), what);
    }
}
