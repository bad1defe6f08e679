package io.teeio.spdm.message;

import io.teeio.spdm.codec.Bytes;

/** Checks records apply to their fixed-size fields. */
final class Fields {
    private Fields() {
    }

    static void requireLength(Bytes b, int length, String field) {
        if (b == null || b.length() != length) {
            throw new IllegalArgumentException(field + " must be " + length + " bytes, got "
                    + (b == null ? "null" : b.length()));
        }
    }

    static void requireU8(int v, String field) {
        if (v < 0 || v > 0xFF) {
            throw new IllegalArgumentException(field + " does not fit 8 bits: " + v);
        }
    }

    static void requireU16(int v, String field) {
        if (v < 0 || v > 0xFFFF) {
            throw new IllegalArgumentException(field + " does not fit 16 bits: " + v);
        }
    }
}
