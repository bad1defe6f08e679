package io.teeio.spdm.transport;

import java.util.function.UnaryOperator;

/** A transport that hands each packet straight to a peer in the same process. */
public final class InMemoryTransport implements SpdmTransport {
    private final UnaryOperator<SpdmPacket> peer;
    private final SecuredMessageBinding binding;

    public InMemoryTransport(UnaryOperator<SpdmPacket> peer, SecuredMessageBinding binding) {
        this.peer = peer;
        this.binding = binding;
    }

    /** A transport to a peer that only answers plain messages. */
    public static InMemoryTransport plain(UnaryOperator<byte[]> peer) {
        return new InMemoryTransport(p -> {
            if (p.secured()) {
                throw new IllegalStateException("this in-memory peer takes no secured records");
            }
            return SpdmPacket.plain(peer.apply(p.bytes()));
        }, SecuredMessageBinding.NONE);
    }

    @Override
    public SpdmPacket exchange(SpdmPacket request) throws TransportException {
        SpdmPacket response = peer.apply(request);
        if (response == null) {
            throw new TransportException("the peer gave no response");
        }
        return response;
    }

    @Override
    public SecuredMessageBinding securedBinding() {
        return binding;
    }
}
