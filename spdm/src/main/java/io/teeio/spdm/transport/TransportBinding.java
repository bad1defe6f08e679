package io.teeio.spdm.transport;

/**
 * How SPDM packets become transport messages and back (MCTP, PCI DOE, none). Decoding never throws
 * anything but {@link TransportException} on a malformed message.
 */
public interface TransportBinding {
    String name();

    byte[] encode(SpdmPacket packet) throws TransportException;

    SpdmPacket decode(byte[] transportMessage) throws TransportException;

    SecuredMessageBinding securedBinding();
}
