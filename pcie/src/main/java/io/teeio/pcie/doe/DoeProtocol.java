package io.teeio.pcie.doe;

/**
 * A DOE protocol: the (VendorID, DataObjectType) pair that discovery reports and that routes an object.
 */
public record DoeProtocol(int vendorId, int dataObjectType) {
    public static final int PCI_SIG_VENDOR_ID = 0x0001;

    public static final DoeProtocol DISCOVERY = new DoeProtocol(PCI_SIG_VENDOR_ID, 0x00);
    public static final DoeProtocol CMA_SPDM = new DoeProtocol(PCI_SIG_VENDOR_ID, 0x01);
    public static final DoeProtocol SECURED_CMA_SPDM = new DoeProtocol(PCI_SIG_VENDOR_ID, 0x02);

    /** What a discovery responder reports for an index past its last protocol (QEMU's answer). */
    public static final DoeProtocol NONE = new DoeProtocol(0xFFFF, 0xFF);

    public DoeProtocol {
        if (vendorId < 0 || vendorId > 0xFFFF) {
            throw new IllegalArgumentException("VendorID out of 16 bits: " + vendorId);
        }
        if (dataObjectType < 0 || dataObjectType > 0xFF) {
            throw new IllegalArgumentException("DataObjectType out of 8 bits: " + dataObjectType);
        }
    }

    @Override
    public String toString() {
        return String.format("DoeProtocol[vendor 0x%04x, type 0x%02x]", vendorId, dataObjectType);
    }
}
