package io.teeio.platform.doe;

import java.util.Objects;

/**
 * How a mailbox behaves beyond the register contract.
 *
 * @param latencyPolls   Status reads after Go until the response is ready (the read that completes it sees
 *                       Data Object Ready); 0 = synchronous on Go, as QEMU
 * @param lengthMismatch what a request with a wrong header Length gets
 * @param maxObjectDwords the largest object the write mailbox accepts (2^18 DW = 1 MiB by the spec)
 */
public record DoeMailboxConfig(int latencyPolls, LengthMismatchPolicy lengthMismatch, int maxObjectDwords) {
    public static final int MAX_OBJECT_DWORDS = 1 << 18;

    public DoeMailboxConfig {
        if (latencyPolls < 0) {
            throw new IllegalArgumentException("latency must be >= 0 polls");
        }
        Objects.requireNonNull(lengthMismatch, "lengthMismatch");
        if (maxObjectDwords < 2 || maxObjectDwords > MAX_OBJECT_DWORDS) {
            throw new IllegalArgumentException("max object size must be 2..2^18 DW");
        }
    }

    public static DoeMailboxConfig synchronous() {
        return new DoeMailboxConfig(0, LengthMismatchPolicy.DISCARD_AND_ERROR, MAX_OBJECT_DWORDS);
    }

    public static DoeMailboxConfig withLatency(int polls) {
        return new DoeMailboxConfig(polls, LengthMismatchPolicy.DISCARD_AND_ERROR, MAX_OBJECT_DWORDS);
    }

    public DoeMailboxConfig withLengthMismatch(LengthMismatchPolicy policy) {
        return new DoeMailboxConfig(latencyPolls, policy, maxObjectDwords);
    }
}
