package io.teeio.spdm.transport;

/** Bare SPDM messages, no header (spdm-emu transport NONE); no secured records. */
public final class NoneBinding implements TransportBinding {
    @Override
    public String name() {
        return "none";
    }

    @Override
    public byte[] encode(SpdmPacket packet) throws TransportException {
        if (packet.secured()) {
            throw new TransportException("transport NONE carries no secured messages");
        }
        return packet.bytes();
    }

    @Override
    public SpdmPacket decode(byte[] message) {
        return SpdmPacket.plain(message);
    }

    @Override
    public SecuredMessageBinding securedBinding() {
        return SecuredMessageBinding.NONE;
    }
}
