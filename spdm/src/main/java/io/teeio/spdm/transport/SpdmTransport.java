package io.teeio.spdm.transport;

/**
 * The requester's view of a transport: one packet out, one back. Bindings (in memory, PCI DOE, MCTP,
 * the spdm-emu socket) decide how packets are framed and what secured records look like.
 */
public interface SpdmTransport {
    SpdmPacket exchange(SpdmPacket request) throws TransportException;

    /** The secured-message parameters this transport implies. */
    SecuredMessageBinding securedBinding();
}
