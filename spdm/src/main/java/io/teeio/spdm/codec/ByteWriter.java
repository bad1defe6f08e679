package io.teeio.spdm.codec;

import java.io.ByteArrayOutputStream;

/** Little-endian message builder. */
public final class ByteWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

    public ByteWriter u8(int v) {
        out.write(v);
        return this;
    }

    public ByteWriter u16(int v) {
        out.write(v);
        out.write(v >>> 8);
        return this;
    }

    public ByteWriter u24(int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        return this;
    }

    public ByteWriter u32(int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
        return this;
    }

    public ByteWriter bytes(Bytes b) {
        out.writeBytes(b.toByteArray());
        return this;
    }

    public ByteWriter bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    public ByteWriter zeros(int n) {
        for (int i = 0; i < n; i++) {
            out.write(0);
        }
        return this;
    }

    public int size() {
        return out.size();
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
