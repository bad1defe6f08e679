package io.teeio.spdm.connection;

import java.io.ByteArrayOutputStream;

/** An append-only byte log of exact SPDM message bytes (never transport headers, padding or ERRORs). */
public final class Transcript {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    public Transcript append(byte[] message) {
        bytes.writeBytes(message);
        return this;
    }

    public void reset() {
        bytes.reset();
    }

    public int size() {
        return bytes.size();
    }

    public byte[] toByteArray() {
        return bytes.toByteArray();
    }

    public Transcript copy() {
        Transcript t = new Transcript();
        t.append(toByteArray());
        return t;
    }
}
