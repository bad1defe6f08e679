package io.teeio.pcie.vdm;

import io.teeio.spdm.codec.Bytes;
import java.util.Objects;

/**
 * The part of a PCI-SIG VENDOR_DEFINED payload after the SPDM layer's VendorID/length fields: ProtocolID
 * byte, then the protocol's own message.
 */
public record PciSigPayload(PciSigProtocol protocol, Bytes message) {
    public PciSigPayload {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(message, "message");
    }
}
