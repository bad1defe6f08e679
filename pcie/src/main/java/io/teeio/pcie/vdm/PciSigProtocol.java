package io.teeio.pcie.vdm;

import java.util.Optional;

/**
 * The PCI-SIG protocols carried in SPDM VENDOR_DEFINED messages (StandardID 3, VendorID 0x0001): the first
 * payload byte names one of these.
 */
public enum PciSigProtocol {
    IDE_KM(0x00),
    TDISP(0x01);

    private final int id;

    PciSigProtocol(int id) {
        this.id = id;
    }

    /** The ProtocolID byte. */
    public int id() {
        return id;
    }

    public static Optional<PciSigProtocol> fromId(int id) {
        for (PciSigProtocol p : values()) {
            if (p.id == id) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
