package io.teeio.spdm.crypto;

import java.util.List;
import java.util.Optional;

/** BaseAsymAlgo / BaseAsymSel bits (DSP0274 Table 17) that teeio implements, with their signature sizes. */
public enum BaseAsymAlgo {
    TPM_ALG_RSASSA_2048(0x0001, 256, Family.RSASSA, 2048),
    TPM_ALG_RSAPSS_2048(0x0002, 256, Family.RSAPSS, 2048),
    TPM_ALG_RSASSA_3072(0x0004, 384, Family.RSASSA, 3072),
    TPM_ALG_RSAPSS_3072(0x0008, 384, Family.RSAPSS, 3072),
    TPM_ALG_ECDSA_ECC_NIST_P256(0x0010, 64, Family.ECDSA, 256),
    TPM_ALG_RSASSA_4096(0x0020, 512, Family.RSASSA, 4096),
    TPM_ALG_RSAPSS_4096(0x0040, 512, Family.RSAPSS, 4096),
    TPM_ALG_ECDSA_ECC_NIST_P384(0x0080, 96, Family.ECDSA, 384),
    TPM_ALG_ECDSA_ECC_NIST_P521(0x0100, 132, Family.ECDSA, 521);

    public enum Family { RSASSA, RSAPSS, ECDSA }

    /** Selection order when several are common, highest first (libspdm's order). */
    public static final List<BaseAsymAlgo> PRIORITY = List.of(
            TPM_ALG_ECDSA_ECC_NIST_P521, TPM_ALG_ECDSA_ECC_NIST_P384, TPM_ALG_ECDSA_ECC_NIST_P256,
            TPM_ALG_RSAPSS_4096, TPM_ALG_RSAPSS_3072, TPM_ALG_RSAPSS_2048,
            TPM_ALG_RSASSA_4096, TPM_ALG_RSASSA_3072, TPM_ALG_RSASSA_2048);

    private final int mask;
    private final int signatureSize;
    private final Family family;
    private final int keyBits;

    BaseAsymAlgo(int mask, int signatureSize, Family family, int keyBits) {
        this.mask = mask;
        this.signatureSize = signatureSize;
        this.family = family;
        this.keyBits = keyBits;
    }

    public int mask() {
        return mask;
    }

    /** S: signature length on the wire (ECDSA as raw r||s). */
    public int signatureSize() {
        return signatureSize;
    }

    public Family family() {
        return family;
    }

    /** RSA modulus bits, or the EC field size in bits. */
    public int keyBits() {
        return keyBits;
    }

    /** The JCA curve name for ECDSA suites. */
    public String curveName() {
        return switch (this) {
            case TPM_ALG_ECDSA_ECC_NIST_P256 -> "secp256r1";
            case TPM_ALG_ECDSA_ECC_NIST_P384 -> "secp384r1";
            case TPM_ALG_ECDSA_ECC_NIST_P521 -> "secp521r1";
            default -> throw new IllegalStateException(this + " is not an ECDSA suite");
        };
    }

    /** The hash DSP0274 pairs with an ECDSA curve (used for certificates and defaults). */
    public BaseHashAlgo naturalHash() {
        return switch (this) {
            case TPM_ALG_ECDSA_ECC_NIST_P384 -> BaseHashAlgo.TPM_ALG_SHA_384;
            case TPM_ALG_ECDSA_ECC_NIST_P521 -> BaseHashAlgo.TPM_ALG_SHA_512;
            default -> BaseHashAlgo.TPM_ALG_SHA_256;
        };
    }

    public static Optional<BaseAsymAlgo> fromMask(int mask) {
        for (BaseAsymAlgo a : values()) {
            if (a.mask == mask) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    public static int maskOf(Iterable<BaseAsymAlgo> algos) {
        int m = 0;
        for (BaseAsymAlgo a : algos) {
            m |= a.mask;
        }
        return m;
    }
}
