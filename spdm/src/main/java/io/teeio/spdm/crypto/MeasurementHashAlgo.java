package io.teeio.spdm.crypto;

import java.util.List;
import java.util.Optional;

/** MeasurementHashAlgo bits of ALGORITHMS (DSP0274 Table 20) that teeio implements. */
public enum MeasurementHashAlgo {
    RAW_BIT_STREAM_ONLY(0x01, 0, null),
    TPM_ALG_SHA_256(0x02, 32, "SHA-256"),
    TPM_ALG_SHA_384(0x04, 48, "SHA-384"),
    TPM_ALG_SHA_512(0x08, 64, "SHA-512");

    public static final List<MeasurementHashAlgo> PRIORITY =
            List.of(TPM_ALG_SHA_512, TPM_ALG_SHA_384, TPM_ALG_SHA_256, RAW_BIT_STREAM_ONLY);

    private final int mask;
    private final int size;
    private final String jcaName;

    MeasurementHashAlgo(int mask, int size, String jcaName) {
        this.mask = mask;
        this.size = size;
        this.jcaName = jcaName;
    }

    public int mask() {
        return mask;
    }

    public int size() {
        return size;
    }

    /** JCA digest name; null for RAW_BIT_STREAM_ONLY. */
    public String jcaName() {
        return jcaName;
    }

    public static Optional<MeasurementHashAlgo> fromMask(int mask) {
        for (MeasurementHashAlgo a : values()) {
            if (a.mask == mask) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
