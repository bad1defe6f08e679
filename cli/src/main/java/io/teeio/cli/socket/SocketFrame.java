package io.teeio.cli.socket;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One frame of the spdm-emu socket protocol: Command, TransportType and PayloadSize as big-endian 32-bit
 * words, then the payload. Read robustly across partial reads; written in one piece.
 */
public record SocketFrame(int command, int transportType, byte[] payload) {
    public static final int HEADER_SIZE = 12;

    public SocketFrame {
        payload = payload.clone();
    }

    public static SocketFrame of(int command, int transportType) {
        return new SocketFrame(command, transportType, new byte[0]);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    public byte[] encode() {
        return ByteBuffer.allocate(HEADER_SIZE + payload.length).putInt(command).putInt(transportType)
                .putInt(payload.length).put(payload).array();
    }

    public void writeTo(OutputStream out) throws IOException {
        out.write(encode());
        out.flush();
    }

    /** Reads one frame; null at a clean end of stream before any header byte. */
    public static SocketFrame read(InputStream in, int maxPayload) throws IOException {
        byte[] header = new byte[HEADER_SIZE];
        int n = in.readNBytes(header, 0, HEADER_SIZE);
        if (n == 0) {
            return null;
        }
        if (n < HEADER_SIZE) {
            throw new EOFException("connection closed inside a frame header (" + n + " of 12 bytes)");
        }
        ByteBuffer b = ByteBuffer.wrap(header);
        int command = b.getInt();
        int type = b.getInt();
        int size = b.getInt();
        if (size < 0 || size > maxPayload) {
            throw new FrameException(String.format("frame %s announces %d payload bytes, above the limit of %d",
                    SocketCommand.name(command), Integer.toUnsignedLong(size), maxPayload));
        }
        byte[] payload = new DataInputStream(in).readNBytes(size);
        if (payload.length < size) {
            throw new EOFException("connection closed inside a frame payload (" + payload.length + " of " + size
                    + " bytes)");
        }
        return new SocketFrame(command, type, payload);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SocketFrame f && f.command == command && f.transportType == transportType
                && Arrays.equals(f.payload, payload);
    }

    @Override
    public int hashCode() {
        return (command * 31 + transportType) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return SocketCommand.name(command) + " transport " + transportType + ", " + payload.length + " bytes";
    }

    /** A frame that breaks the protocol (too large); the connection cannot continue. */
    public static final class FrameException extends IOException {
        public FrameException(String message) {
            super(message);
        }
    }
}
