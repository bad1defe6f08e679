package io.teeio.pcie.vdm;

/**
 * Why the DSM gives no PCI-SIG answer to a vendor request. The SPDM layer turns every refusal into an SPDM
 * ERROR; {@link #spdmErrorCode()} is the code this project uses for each.
 */
public enum RefusalReason {
    /** TDISP and IDE_KM are only used and answered inside a secured session (PCIe11 §11.2.2). */
    NOT_SECURED(0x0B),
    /** The payload has no ProtocolID, or the protocol message is too broken to answer in its own terms. */
    MALFORMED(0x01),
    /** A PCI-SIG ProtocolID this DSM does not implement. */
    UNSUPPORTED_PROTOCOL(0x01),
    /** Well-formed, but the protocol has no way to say no (e.g. IDE_KM K_SET_GO on an unprogrammed key). */
    REJECTED(0x01);

    private final int spdmErrorCode;

    RefusalReason(int spdmErrorCode) {
        this.spdmErrorCode = spdmErrorCode;
    }

    /** SPDM ErrorCode to answer with: SessionRequired (0x0B) or InvalidRequest (0x01, as spdm-emu). */
    public int spdmErrorCode() {
        return spdmErrorCode;
    }
}
