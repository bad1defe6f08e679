package io.teeio.pcie.doe;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.ByteWriter;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;

/** Bytes of a whole DOE data object (header + payload + padding) to and from {@link DataObject}. */
public final class DataObjectCodec {
    private static final int LENGTH_MASK = DataObject.MAX_LENGTH_DW - 1;

    private DataObjectCodec() {
    }

    public static byte[] encode(DataObject object) {
        int lengthDw = object.lengthDw();
        ByteWriter w = new ByteWriter();
        w.u16(object.vendorId()).u8(object.dataObjectType()).u8(0);
        // Length is an 18-bit field: the largest object (2^18 DW) is written as 0.
        w.u32(lengthDw & LENGTH_MASK);
        w.bytes(object.payload());
        w.zeros(lengthDw * 4 - w.size());
        return w.toByteArray();
    }

    /**
     * Decodes one object that must fill {@code bytes} exactly: the Length field times 4 has to equal the
     * number of bytes received, and the reserved header bits have to be zero.
     */
    public static DataObject decode(byte[] bytes) throws SpdmDecodeException {
        if (bytes.length > DataObject.MAX_LENGTH_DW * 4) {
            throw new SpdmDecodeException("DOE object: " + bytes.length + " bytes exceed the maximum of 2^18 DW");
        }
        if (bytes.length < DataObject.HEADER_BYTES) {
            throw new SpdmDecodeException("DOE object: " + bytes.length + " bytes, shorter than the 8-byte header");
        }
        ByteReader r = new ByteReader(bytes, "DOE object");
        int vendorId = r.u16("VendorID");
        int type = r.u8("DataObjectType");
        int reserved = r.u8("Reserved");
        if (reserved != 0) {
            throw new SpdmDecodeException("DOE object: reserved header byte 3 is 0x" + Integer.toHexString(reserved)
                    + ", must be 0");
        }
        int lengthField = r.u32("Length");
        if ((lengthField & ~LENGTH_MASK) != 0) {
            throw new SpdmDecodeException("DOE object: reserved Length bits[31:18] set (0x"
                    + Integer.toHexString(lengthField) + ")");
        }
        int lengthDw = lengthField == 0 ? DataObject.MAX_LENGTH_DW : lengthField;
        if (lengthDw < 2) {
            throw new SpdmDecodeException("DOE object: Length " + lengthDw + " DW is shorter than the 2-DW header");
        }
        if ((long) lengthDw * 4 != bytes.length) {
            throw new SpdmDecodeException("DOE object: Length says " + lengthDw + " DW (" + lengthDw * 4L
                    + " bytes) but " + bytes.length + " bytes were received");
        }
        Bytes payload = r.rest();
        return new DataObject(vendorId, type, payload);
    }
}
