package io.teeio.spdm.transport;

import java.util.Arrays;

/**
 * What crosses a transport: a plain SPDM message, or a DSP0277 secured record (session id first).
 * A plain message may carry trailing transport padding; the SPDM layer finds the message end itself.
 */
public record SpdmPacket(boolean secured, byte[] bytes) {
    public SpdmPacket {
        bytes = bytes.clone();
    }

    public static SpdmPacket plain(byte[] message) {
        return new SpdmPacket(false, message);
    }

    public static SpdmPacket secured(byte[] record) {
        return new SpdmPacket(true, record);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpdmPacket p && p.secured == secured && Arrays.equals(p.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(secured) * 31 + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return (secured ? "secured record, " : "SPDM message, ") + bytes.length + " bytes";
    }
}
