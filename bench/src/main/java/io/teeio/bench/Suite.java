package io.teeio.bench;

import io.teeio.spdm.crypto.BaseAsymAlgo;
import io.teeio.spdm.crypto.BaseHashAlgo;
import io.teeio.spdm.crypto.DheGroup;

/** A curve with the signature algorithm, hash and DHE group a connection negotiates on it. */
public enum Suite {
    P256(BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P256, BaseHashAlgo.TPM_ALG_SHA_256, DheGroup.SECP256R1),
    P384(BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P384, BaseHashAlgo.TPM_ALG_SHA_384, DheGroup.SECP384R1),
    P521(BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P521, BaseHashAlgo.TPM_ALG_SHA_512, DheGroup.SECP521R1);

    private final BaseAsymAlgo asym;
    private final BaseHashAlgo hash;
    private final DheGroup dhe;

    Suite(BaseAsymAlgo asym, BaseHashAlgo hash, DheGroup dhe) {
        this.asym = asym;
        this.hash = hash;
        this.dhe = dhe;
    }

    public BaseAsymAlgo asym() {
        return asym;
    }

    public BaseHashAlgo hash() {
        return hash;
    }

    public DheGroup dhe() {
        return dhe;
    }
}
