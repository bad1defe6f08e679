package io.teeio.spdm.transport;

/** A link that carries one transport message out and one back (a socket, a DOE mailbox, a function call). */
@FunctionalInterface
public interface MessageChannel {
    byte[] exchange(byte[] transportMessage) throws TransportException;
}
