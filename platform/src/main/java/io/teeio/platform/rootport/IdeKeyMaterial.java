package io.teeio.platform.rootport;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * What one IDE key slot holds: a 32-byte AES-256-GCM key and the 8-byte initial invocation field (IFV).
 * A secret: never in toString, exceptions or traces; {@link #destroy()} zeroes it.
 */
public final class IdeKeyMaterial {
    public static final int KEY_LENGTH = 32;
    public static final int IFV_LENGTH = 8;

    private final byte[] key;
    private final byte[] ifv;

    private IdeKeyMaterial(byte[] key, byte[] ifv) {
        this.key = key;
        this.ifv = ifv;
    }

    public static IdeKeyMaterial of(byte[] key, byte[] ifv) {
        if (key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("an IDE key is " + KEY_LENGTH + " bytes, got " + key.length);
        }
        if (ifv.length != IFV_LENGTH) {
            throw new IllegalArgumentException("an IDE IFV is " + IFV_LENGTH + " bytes, got " + ifv.length);
        }
        return new IdeKeyMaterial(key.clone(), ifv.clone());
    }

    /** Constant-time comparison of key and IFV (to check that both ends hold the same material). */
    public boolean sameMaterial(IdeKeyMaterial other) {
        return MessageDigest.isEqual(key, other.key) & MessageDigest.isEqual(ifv, other.ifv);
    }

    IdeKeyMaterial copy() {
        return new IdeKeyMaterial(key.clone(), ifv.clone());
    }

    void destroy() {
        Arrays.fill(key, (byte) 0);
        Arrays.fill(ifv, (byte) 0);
    }

    @Override
    public String toString() {
        return "IdeKeyMaterial[redacted]";
    }
}
