package io.teeio.cli.socket;

import java.util.Optional;

/**
 * What answers the NORMAL frames of one connection: a transport message in, a transport message out, or
 * empty when the message cannot be answered (the connection is then closed, as spdm-emu does).
 */
public interface FrameHandler {
    Optional<byte[]> handle(byte[] transportMessage);

    /** Called when the connection ends, cleanly or not. */
    default void connectionClosed() {
    }
}
