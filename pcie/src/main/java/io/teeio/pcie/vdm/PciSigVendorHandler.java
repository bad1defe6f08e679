package io.teeio.pcie.vdm;

/**
 * DSM side: what the SPDM responder calls for each VENDOR_DEFINED_REQUEST with StandardID 3 and VendorID
 * 0x0001 (PCI-SIG), and when a session ends. Implemented by {@link PciSigVendorDispatcher}.
 */
public interface PciSigVendorHandler {
    /**
     * Never throws.
     *
     * @param sessionId                 the secured session the request arrived in (meaningless if not secured)
     * @param secured                   whether it arrived inside a secured session
     * @param payloadWithProtocolByte   the VendorDefinedPayload: ProtocolID byte + protocol message
     * @return an Answer whose payload (ProtocolID byte + response message) goes into
     *         VENDOR_DEFINED_RESPONSE, or a Refusal the SPDM layer turns into SPDM ERROR
     *         ({@link RefusalReason#spdmErrorCode()})
     */
    VendorResponse handle(int sessionId, boolean secured, byte[] payloadWithProtocolByte);

    /** Call when an SPDM session enters termination (END_SESSION, error, transport loss). */
    void sessionTerminated(int sessionId);
}
