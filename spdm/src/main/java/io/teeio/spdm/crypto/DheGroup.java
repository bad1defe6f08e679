package io.teeio.spdm.crypto;

import java.util.List;

/** DHE AlgStruct bits (AlgType 2) that teeio negotiates. */
public enum DheGroup {
    SECP256R1(0x0008, 64),
    SECP384R1(0x0010, 96),
    SECP521R1(0x0020, 132);

    public static final List<DheGroup> PRIORITY = List.of(SECP521R1, SECP384R1, SECP256R1);

    private final int mask;
    private final int publicKeySize;

    DheGroup(int mask, int publicKeySize) {
        this.mask = mask;
        this.publicKeySize = publicKeySize;
    }

    public int mask() {
        return mask;
    }

    /** D: the exchange data size (X||Y for the NIST curves). */
    public int publicKeySize() {
        return publicKeySize;
    }
}
