package io.teeio.platform.device;

import io.teeio.spdm.codec.Bytes;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * A memory request arriving at the endpoint from the host side.
 *
 * @param address   bus address
 * @param length    bytes (reads); equals {@code data.length()} for writes
 * @param write     write (posted) or read
 * @param data      write data; empty for reads
 * @param tee       the TEE bit (T): the request comes from the TVM's trust domain
 * @param ideStream the selective IDE stream that carried it, empty when it came without IDE
 */
public record MmioRequest(long address, int length, boolean write, Bytes data, boolean tee, OptionalInt ideStream) {
    public MmioRequest {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(ideStream, "ideStream");
        if (length < 1) {
            throw new IllegalArgumentException("MMIO length must be >= 1, was " + length);
        }
        if (write && data.length() != length) {
            throw new IllegalArgumentException("write of " + data.length() + " bytes declares length " + length);
        }
        if (!write && !data.isEmpty()) {
            throw new IllegalArgumentException("a read carries no data");
        }
    }

    public static MmioRequest read(long address, int length, boolean tee) {
        return new MmioRequest(address, length, false, Bytes.EMPTY, tee, OptionalInt.empty());
    }

    public static MmioRequest write(long address, Bytes data, boolean tee) {
        return new MmioRequest(address, data.length(), true, data, tee, OptionalInt.empty());
    }

    /** The same request as carried by selective IDE stream {@code streamId} (what the root port does). */
    public MmioRequest viaStream(int streamId) {
        return new MmioRequest(address, length, write, data, tee, OptionalInt.of(streamId));
    }

    @Override
    public String toString() {
        return (write ? "write " : "read ") + length + " bytes at 0x" + Long.toHexString(address)
                + (tee ? " T=1" : " T=0") + (ideStream.isPresent() ? " via IDE stream " + ideStream.getAsInt() : "");
    }
}
