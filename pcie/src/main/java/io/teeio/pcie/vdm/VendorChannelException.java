package io.teeio.pcie.vdm;

/**
 * The secured vendor channel could not carry a request and bring back its answer: no secured session,
 * transport failure, or the peer answered with SPDM ERROR instead of VENDOR_DEFINED_RESPONSE.
 */
public final class VendorChannelException extends Exception {
    public VendorChannelException(String message) {
        super(message);
    }

    public VendorChannelException(String message, Throwable cause) {
        super(message, cause);
    }
}
