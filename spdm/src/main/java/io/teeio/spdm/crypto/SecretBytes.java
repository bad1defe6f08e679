package io.teeio.spdm.crypto;

import java.security.MessageDigest;
import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * A secret byte string (shared secret, session secret, AEAD key, IV salt) that can be erased. It owns
 * its array, hands out copies only, never prints its content, and is equal only to itself so that no
 * secret ends up as a map key or in a log by accident.
 */
public final class SecretBytes implements Destroyable {
    private final byte[] value;
    private boolean destroyed;

    private SecretBytes(byte[] value) {
        this.value = value;
    }

    /**
     * Takes ownership of {@code value} without copying: the caller must not keep using the array, and
     * {@link #destroy()} zero-fills exactly that array.
     */
    public static SecretBytes wrap(byte[] value) {
        return new SecretBytes(value);
    }

    /** A copy of {@code value}; the caller stays responsible for erasing its own array. */
    public static SecretBytes copyOf(byte[] value) {
        return new SecretBytes(value.clone());
    }

    public int length() {
        return value.length;
    }

    /** A fresh copy of the secret; the caller should {@code Arrays.fill} it with zeros when done. */
    public byte[] copy() {
        checkAlive();
        return value.clone();
    }

    /** Constant-time comparison with {@code other}. */
    public boolean contentEquals(byte[] other) {
        checkAlive();
        return MessageDigest.isEqual(value, other);
    }

    private void checkAlive() {
        if (destroyed) {
            throw new IllegalStateException("secret was erased");
        }
    }

    /** Zero-fills the secret; further reads fail. Idempotent. */
    @Override
    public void destroy() {
        Arrays.fill(value, (byte) 0);
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return destroyed ? "SecretBytes[erased]" : "SecretBytes[" + value.length + " bytes]";
    }
}
