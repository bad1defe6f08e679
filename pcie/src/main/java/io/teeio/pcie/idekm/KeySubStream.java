package io.teeio.pcie.idekm;

import java.util.Optional;

/**
 * The KeySubStream byte of IDE_KM: bit0 key set, bit1 direction (0 RX, 1 TX), bits[7:4] sub-stream, bits[3:2]
 * reserved. Kept as the raw byte so a request naming an undefined sub-stream can still be decoded and
 * answered with "unsupported value".
 */
public record KeySubStream(int value) {
    private static final int RESERVED_BITS = 0x0C;

    public KeySubStream {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException("KeySubStream out of 8 bits: " + value);
        }
    }

    public static KeySubStream of(KeySet keySet, IdeDirection direction, SubStream subStream) {
        return new KeySubStream(keySet.bit() | direction.bit() << 1 | subStream.code() << 4);
    }

    public KeySet keySet() {
        return (value & 1) == 0 ? KeySet.K0 : KeySet.K1;
    }

    public IdeDirection direction() {
        return (value & 2) == 0 ? IdeDirection.RX : IdeDirection.TX;
    }

    public int subStreamCode() {
        return value >>> 4;
    }

    /** Empty when bits[7:4] name no defined sub-stream. */
    public Optional<SubStream> subStream() {
        return SubStream.fromCode(subStreamCode());
    }

    /** A defined sub-stream and reserved bits clear. */
    public boolean isValid() {
        return (value & RESERVED_BITS) == 0 && subStream().isPresent();
    }

    @Override
    public String toString() {
        String s = subStream().map(Enum::name).orElse("sub-stream " + subStreamCode());
        return String.format("KeySubStream[0x%02x %s %s %s]", value, keySet(), direction(), s);
    }
}
