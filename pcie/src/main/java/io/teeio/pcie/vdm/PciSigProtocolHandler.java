package io.teeio.pcie.vdm;

import io.teeio.spdm.codec.Bytes;

/** DSM side of one PCI-SIG protocol (TDISP, IDE_KM), fed by {@link PciSigVendorDispatcher}. */
public interface PciSigProtocolHandler {
    PciSigProtocol protocol();

    /**
     * Answers one request that arrived inside secured session {@code sessionId}. Never throws.
     *
     * @param message the protocol message without the ProtocolID byte
     * @return an {@link VendorResponse.Answer} holding the response message without the ProtocolID byte,
     *         or a refusal
     */
    VendorResponse handle(int sessionId, Bytes message);

    /** The SPDM session entered termination: whatever it keyed or locked is no longer trusted. */
    default void sessionTerminated(int sessionId) {
    }
}
