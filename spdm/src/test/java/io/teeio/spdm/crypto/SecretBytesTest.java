package io.teeio.spdm.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SecretBytesTest {
    private final byte[] value = HexFormat.of().parseHex("0123456789abcdeffedcba9876543210");

    @Test
    void destroyZeroFillsTheWrappedArray() {
        byte[] owned = value.clone();
        SecretBytes s = SecretBytes.wrap(owned);
        s.destroy();
        assertArrayEquals(new byte[value.length], owned);
        assertTrue(s.isDestroyed());
    }

    @Test
    void readingAfterDestroyFails() {
        SecretBytes s = SecretBytes.copyOf(value);
        s.destroy();
        assertThrows(IllegalStateException.class, s::copy);
    }

    @Test
    void toStringShowsNoBytes() {
        String text = SecretBytes.copyOf(value).toString();
        assertFalse(text.toLowerCase().contains("0123456789abcdef"), text);
        assertFalse(text.contains("01"), text);
    }

    @Test
    void copyIsIndependentOfTheSecret() {
        SecretBytes s = SecretBytes.copyOf(value);
        byte[] c = s.copy();
        c[0] ^= 1;
        assertArrayEquals(value, s.copy());
    }

    @Test
    void twoSecretsWithTheSameContentAreNotEqualObjects() {
        assertNotEquals(SecretBytes.copyOf(value), SecretBytes.copyOf(value));
    }
}
