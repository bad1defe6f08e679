package io.teeio.pcie.vdm;

import io.teeio.spdm.codec.Bytes;
import java.util.Objects;

/** What the DSM does with a PCI-SIG vendor request: answer it, or refuse it (then the SPDM layer sends ERROR). */
public sealed interface VendorResponse {

    /**
     * An answer to send back in VENDOR_DEFINED_RESPONSE.
     *
     * @param payload from {@link PciSigVendorHandler}: ProtocolID byte + protocol message; from a
     *                {@link PciSigProtocolHandler}: the protocol message only
     */
    record Answer(Bytes payload) implements VendorResponse {
        public Answer {
            Objects.requireNonNull(payload, "payload");
        }
    }

    /** No answer in the protocol's own terms; {@code detail} says why (it never holds key material). */
    record Refusal(RefusalReason reason, String detail) implements VendorResponse {
        public Refusal {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
