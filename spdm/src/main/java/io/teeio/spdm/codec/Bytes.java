package io.teeio.spdm.codec;

import java.util.Arrays;
import java.util.HexFormat;

/** An immutable byte string: what message records hold instead of a mutable {@code byte[]}. */
public final class Bytes {
    public static final Bytes EMPTY = new Bytes(new byte[0]);

    private final byte[] data;

    private Bytes(byte[] data) {
        this.data = data;
    }

    public static Bytes of(byte... data) {
        return data.length == 0 ? EMPTY : new Bytes(data.clone());
    }

    public static Bytes of(byte[] data, int offset, int length) {
        return length == 0 ? EMPTY : new Bytes(Arrays.copyOfRange(data, offset, offset + length));
    }

    public static Bytes fromHex(String hex) {
        return of(HexFormat.of().parseHex(hex.replaceAll("\\s+", "")));
    }

    public static Bytes zeros(int length) {
        return length == 0 ? EMPTY : new Bytes(new byte[length]);
    }

    public int length() {
        return data.length;
    }

    public boolean isEmpty() {
        return data.length == 0;
    }

    public int get(int index) {
        return data[index] & 0xFF;
    }

    public byte[] toByteArray() {
        return data.clone();
    }

    /** Writes the content into {@code out} at {@code offset} without exposing the backing array. */
    public void copyTo(byte[] out, int offset) {
        System.arraycopy(data, 0, out, offset, data.length);
    }

    public String toHex() {
        return HexFormat.of().formatHex(data);
    }

    public boolean contentEquals(byte[] other) {
        return Arrays.equals(data, other);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && Arrays.equals(data, b.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return data.length <= 64 ? toHex() : toHex().substring(0, 128) + "...(" + data.length + " bytes)";
    }
}
