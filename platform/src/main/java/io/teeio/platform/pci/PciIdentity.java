package io.teeio.platform.pci;

/**
 * What a function says it is: the read-only identity fields of the header.
 *
 * @param classCode 24 bits: base class, sub-class, programming interface (0x120000 = processing accelerator)
 */
public record PciIdentity(int vendorId, int deviceId, int revisionId, int classCode, int subsystemVendorId,
        int subsystemId) {
    public PciIdentity {
        check("vendorId", vendorId, 0xFFFF);
        check("deviceId", deviceId, 0xFFFF);
        check("revisionId", revisionId, 0xFF);
        check("classCode", classCode, 0xFFFFFF);
        check("subsystemVendorId", subsystemVendorId, 0xFFFF);
        check("subsystemId", subsystemId, 0xFFFF);
    }

    private static void check(String what, int v, int max) {
        if (v < 0 || v > max) {
            throw new IllegalArgumentException(what + " 0x" + Integer.toHexString(v) + " out of range");
        }
    }
}
