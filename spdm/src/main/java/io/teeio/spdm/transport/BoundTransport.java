package io.teeio.spdm.transport;

/** A requester-side transport: a binding's framing over a message channel. */
public final class BoundTransport implements SpdmTransport {
    private final TransportBinding binding;
    private final MessageChannel channel;

    public BoundTransport(TransportBinding binding, MessageChannel channel) {
        this.binding = binding;
        this.channel = channel;
    }

    @Override
    public SpdmPacket exchange(SpdmPacket request) throws TransportException {
        return binding.decode(channel.exchange(binding.encode(request)));
    }

    @Override
    public SecuredMessageBinding securedBinding() {
        return binding.securedBinding();
    }

    public TransportBinding binding() {
        return binding;
    }
}
