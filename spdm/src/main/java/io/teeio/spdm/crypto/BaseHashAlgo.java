package io.teeio.spdm.crypto;

import java.util.List;
import java.util.Optional;

/** BaseHashAlgo / BaseHashSel bits (DSP0274 Table 18) that teeio implements. */
public enum BaseHashAlgo {
    TPM_ALG_SHA_256(0x01, 32, "SHA-256"),
    TPM_ALG_SHA_384(0x02, 48, "SHA-384"),
    TPM_ALG_SHA_512(0x04, 64, "SHA-512");

    /** Selection order when several are common, highest first (libspdm's order). */
    public static final List<BaseHashAlgo> PRIORITY = List.of(TPM_ALG_SHA_512, TPM_ALG_SHA_384, TPM_ALG_SHA_256);

    private final int mask;
    private final int size;
    private final String jcaName;

    BaseHashAlgo(int mask, int size, String jcaName) {
        this.mask = mask;
        this.size = size;
        this.jcaName = jcaName;
    }

    public int mask() {
        return mask;
    }

    /** H: digest length in bytes. */
    public int size() {
        return size;
    }

    public String jcaName() {
        return jcaName;
    }

    public static Optional<BaseHashAlgo> fromMask(int mask) {
        for (BaseHashAlgo a : values()) {
            if (a.mask == mask) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    public static int maskOf(Iterable<BaseHashAlgo> algos) {
        int m = 0;
        for (BaseHashAlgo a : algos) {
            m |= a.mask;
        }
        return m;
    }
}
