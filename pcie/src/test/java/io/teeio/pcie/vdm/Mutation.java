package io.teeio.pcie.vdm;

import java.util.Arrays;

/** Test helper: one mutation of a valid encoding (overwrite a byte, truncate, or append a byte). */
public final class Mutation {
    private Mutation() {
    }

    /** @param how 0 overwrite, 1 truncate at position, 2 append value */
    public static byte[] apply(byte[] valid, int how, int position, byte value) {
        if (valid.length == 0) {
            return new byte[] {value};
        }
        int at = Math.floorMod(position, valid.length);
        switch (how) {
            case 0 -> {
                byte[] copy = valid.clone();
                copy[at] = copy[at] == value ? (byte) (value + 1) : value;
                return copy;
            }
            case 1 -> {
                return Arrays.copyOf(valid, at);
            }
            default -> {
                byte[] copy = Arrays.copyOf(valid, valid.length + 1);
                copy[valid.length] = value;
                return copy;
            }
        }
    }
}
