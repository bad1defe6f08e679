package io.teeio.pcie.doe;

import java.util.Objects;

/**
 * DOE Discovery response: the protocol at the requested index and the index to ask for next
 * (0 = that was the last entry).
 */
public record DoeDiscoveryResponse(DoeProtocol protocol, int nextIndex) {
    public DoeDiscoveryResponse {
        Objects.requireNonNull(protocol, "protocol");
        if (nextIndex < 0 || nextIndex > 0xFF) {
            throw new IllegalArgumentException("NextIndex out of 8 bits: " + nextIndex);
        }
    }
}
