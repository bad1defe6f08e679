package io.teeio.pcie.doe;

import io.teeio.spdm.codec.Bytes;
import java.util.Objects;

/**
 * One PCIe DOE data object: the 2-DW header's VendorID and DataObjectType, and the payload after it.
 * The payload is kept as given; on the wire it is zero-padded to a DW, so a decoded object's payload
 * always has a multiple of 4 bytes (the padding cannot be told apart from content).
 *
 * @param vendorId       VendorID (0x0001 = PCI-SIG)
 * @param dataObjectType the protocol within that vendor's space
 * @param payload        the bytes after the header
 */
public record DataObject(int vendorId, int dataObjectType, Bytes payload) {
    /** A DOE object is at most 2^18 DW (Length 0 encodes that maximum). */
    public static final int MAX_LENGTH_DW = 1 << 18;
    public static final int HEADER_BYTES = 8;
    public static final int MAX_PAYLOAD_BYTES = (MAX_LENGTH_DW - 2) * 4;

    public DataObject {
        if (vendorId < 0 || vendorId > 0xFFFF) {
            throw new IllegalArgumentException("VendorID out of 16 bits: " + vendorId);
        }
        if (dataObjectType < 0 || dataObjectType > 0xFF) {
            throw new IllegalArgumentException("DataObjectType out of 8 bits: " + dataObjectType);
        }
        Objects.requireNonNull(payload, "payload");
        if (payload.length() > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("payload of " + payload.length() + " bytes exceeds the DOE maximum of "
                    + MAX_PAYLOAD_BYTES);
        }
    }

    public static DataObject of(DoeProtocol protocol, Bytes payload) {
        return new DataObject(protocol.vendorId(), protocol.dataObjectType(), payload);
    }

    public DoeProtocol protocol() {
        return new DoeProtocol(vendorId, dataObjectType);
    }

    /** The Length field's value: DWs including the header, 2^18 for the largest object. */
    public int lengthDw() {
        return 2 + (payload.length() + 3) / 4;
    }
}
