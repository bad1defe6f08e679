package io.teeio.pcie.tdisp;

import io.teeio.spdm.codec.Bytes;
import java.util.Objects;

/**
 * REGISTRY_ID + VENDOR_ID of VDM_REQUEST/RESPONSE and of VENDOR_SPECIFIC_ERROR extended data.
 *
 * @param registryId 0 = PCI-SIG, 1 = CXL
 * @param vendorId   VENDOR_ID bytes (VENDOR_ID_LEN = its length)
 */
public record VendorIdentity(int registryId, Bytes vendorId) {
    public static final int PCI_SIG = 0;
    public static final int CXL = 1;

    public VendorIdentity {
        if (registryId < 0 || registryId > 0xFF) {
            throw new IllegalArgumentException("REGISTRY_ID out of 8 bits: " + registryId);
        }
        Objects.requireNonNull(vendorId, "vendorId");
        if (vendorId.length() > 0xFF) {
            throw new IllegalArgumentException("VENDOR_ID of " + vendorId.length() + " bytes exceeds 255");
        }
    }

    /** Encoded size: REGISTRY_ID, VENDOR_ID_LEN, VENDOR_ID. */
    public int encodedLength() {
        return 2 + vendorId.length();
    }
}
