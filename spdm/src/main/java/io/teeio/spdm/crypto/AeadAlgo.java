package io.teeio.spdm.crypto;

import java.util.List;

/** AEAD AlgStruct bits (AlgType 3) that teeio negotiates. */
public enum AeadAlgo {
    AES_128_GCM(0x0001, 16),
    AES_256_GCM(0x0002, 32),
    CHACHA20_POLY1305(0x0004, 32);

    public static final List<AeadAlgo> PRIORITY = List.of(AES_256_GCM, AES_128_GCM, CHACHA20_POLY1305);

    private final int mask;
    private final int keySize;

    AeadAlgo(int mask, int keySize) {
        this.mask = mask;
        this.keySize = keySize;
    }

    public int mask() {
        return mask;
    }

    public int keySize() {
        return keySize;
    }
}
