package io.teeio.spdm.codec;

/** Little-endian cursor over a message; every read past the end is a {@link SpdmDecodeException}. */
public final class ByteReader {
    private final byte[] data;
    private final String what;
    private int pos;

    public ByteReader(byte[] data, String what) {
        this.data = data;
        this.what = what;
    }

    public int position() {
        return pos;
    }

    public int remaining() {
        return data.length - pos;
    }

    private void need(int n, String field) throws SpdmDecodeException {
        if (n < 0 || remaining() < n) {
            throw new SpdmDecodeException(what + ": truncated at offset " + pos + " reading " + field
                    + " (" + n + " bytes needed, " + remaining() + " left)");
        }
    }

    public int u8(String field) throws SpdmDecodeException {
        need(1, field);
        return data[pos++] & 0xFF;
    }

    public int u16(String field) throws SpdmDecodeException {
        need(2, field);
        int v = (data[pos] & 0xFF) | (data[pos + 1] & 0xFF) << 8;
        pos += 2;
        return v;
    }

    public int u24(String field) throws SpdmDecodeException {
        need(3, field);
        int v = (data[pos] & 0xFF) | (data[pos + 1] & 0xFF) << 8 | (data[pos + 2] & 0xFF) << 16;
        pos += 3;
        return v;
    }

    /** An unsigned 32-bit field; returned as int because every SPDM mask fits its bits. */
    public int u32(String field) throws SpdmDecodeException {
        need(4, field);
        int v = (data[pos] & 0xFF) | (data[pos + 1] & 0xFF) << 8 | (data[pos + 2] & 0xFF) << 16
                | (data[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    public Bytes bytes(int n, String field) throws SpdmDecodeException {
        need(n, field);
        Bytes b = Bytes.of(data, pos, n);
        pos += n;
        return b;
    }

    public void skip(int n, String field) throws SpdmDecodeException {
        need(n, field);
        pos += n;
    }

    public Bytes rest() {
        Bytes b = Bytes.of(data, pos, remaining());
        pos = data.length;
        return b;
    }

    /** Fails unless every byte was consumed: trailing bytes make a message malformed. */
    public void end() throws SpdmDecodeException {
        if (remaining() != 0) {
            throw new SpdmDecodeException(what + ": " + remaining() + " unexpected trailing bytes at offset " + pos);
        }
    }
}
