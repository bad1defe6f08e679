package io.teeio.pcie.tdisp;

import java.util.Optional;

/** TDISP_ERROR ERROR_CODE values (PCIe11 Table 11-27). */
public enum TdispErrorCode {
    INVALID_REQUEST(0x0001),
    BUSY(0x0003),
    INVALID_INTERFACE_STATE(0x0004),
    UNSPECIFIED(0x0005),
    /** ERROR_DATA = the unsupported request code. */
    UNSUPPORTED_REQUEST(0x0007),
    VERSION_MISMATCH(0x0041),
    /** ERROR_DATA = length of EXTENDED_ERROR_DATA (REGISTRY_ID, VENDOR_ID_LEN, VENDOR_ID, vendor data). */
    VENDOR_SPECIFIC_ERROR(0x00FF),
    INVALID_INTERFACE(0x0101),
    INVALID_NONCE(0x0102),
    INSUFFICIENT_ENTROPY(0x0103),
    INVALID_DEVICE_CONFIGURATION(0x0104);

    private final int code;

    TdispErrorCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<TdispErrorCode> fromCode(int code) {
        for (TdispErrorCode c : values()) {
            if (c.code == code) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
