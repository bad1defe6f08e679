package io.teeio.pcie.doe;

import io.teeio.spdm.codec.SpdmDecodeException;
import java.util.List;
import java.util.Optional;

/**
 * The device's answer to DOE Discovery, from its list of supported protocols (entry 0 is discovery itself).
 *
 * <p>An index past the last entry is answered with VendorID 0xFFFF, type 0xFF, NextIndex 0, as QEMU does,
 * rather than left unanswered as spdm-emu does: an answer lets a requester that probes stop at once
 * instead of waiting for the mailbox timeout and aborting.
 */
public final class DoeDiscoveryResponder implements DoeObjectHandler {
    private final List<DoeProtocol> protocols;

    public DoeDiscoveryResponder(List<DoeProtocol> protocols) {
        this.protocols = List.copyOf(protocols);
        if (this.protocols.isEmpty() || !this.protocols.get(0).equals(DoeProtocol.DISCOVERY)) {
            throw new IllegalArgumentException("entry 0 of a DOE protocol list must be discovery, got " + protocols);
        }
        if (this.protocols.size() > 256) {
            throw new IllegalArgumentException("discovery indexes are 8 bits: at most 256 protocols, got "
                    + this.protocols.size());
        }
        if (this.protocols.stream().distinct().count() != this.protocols.size()) {
            throw new IllegalArgumentException("duplicate protocol in " + protocols);
        }
    }

    public List<DoeProtocol> protocols() {
        return protocols;
    }

    public DoeDiscoveryResponse respond(DoeDiscoveryRequest request) {
        int index = request.index();
        if (index >= protocols.size()) {
            return new DoeDiscoveryResponse(DoeProtocol.NONE, 0);
        }
        int next = index + 1 < protocols.size() ? index + 1 : 0;
        return new DoeDiscoveryResponse(protocols.get(index), next);
    }

    /** A malformed discovery request gets no answer (a device discards it). */
    @Override
    public Optional<DataObject> handle(DataObject request) {
        try {
            return Optional.of(DoeDiscoveryCodec.encode(respond(DoeDiscoveryCodec.decodeRequest(request))));
        } catch (SpdmDecodeException e) {
            return Optional.empty();
        }
    }
}
