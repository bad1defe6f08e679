package io.teeio.pcie.vdm;

/**
 * TSM side: how TDISP and IDE_KM requesters reach the device. Implemented by the SPDM integration, which
 * wraps {@code message} as ProtocolID byte + message in a VENDOR_DEFINED_REQUEST (StandardID 3, VendorID
 * 0x0001), sends it inside the current secured session and unwraps the VENDOR_DEFINED_RESPONSE.
 */
@FunctionalInterface
public interface SecuredVendorChannel {
    /**
     * @param protocol which PCI-SIG protocol the message belongs to
     * @param message  the protocol message without the ProtocolID byte
     * @return the response message without the ProtocolID byte (the implementation checks that the response
     *         names the same protocol)
     * @throws VendorChannelException when there is no secured session, the transport fails, or the device
     *                                answers with SPDM ERROR
     */
    byte[] exchange(PciSigProtocol protocol, byte[] message) throws VendorChannelException;
}
