package io.teeio.pcie.idekm;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * An IDE AES-256-GCM key as the 32 bytes of the KEY_PROG Key field (8 DW, in wire order; see PROTOCOLS.md
 * §6 for how that relates to the AES key octet string). A secret: never printed.
 */
public final class IdeKey {
    public static final int LENGTH = 32;

    private final byte[] key;

    private IdeKey(byte[] key) {
        this.key = key;
    }

    public static IdeKey of(byte[] key) {
        if (key.length != LENGTH) {
            throw new IllegalArgumentException("an IDE key is " + LENGTH + " bytes, got " + key.length);
        }
        return new IdeKey(key.clone());
    }

    public byte[] toByteArray() {
        return key.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdeKey k && MessageDigest.isEqual(key, k.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "IdeKey[redacted]";
    }
}
