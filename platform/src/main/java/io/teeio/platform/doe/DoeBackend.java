package io.teeio.platform.doe;

import java.util.Optional;

/**
 * What answers the data objects a DOE mailbox receives (the DSM, through the pcie module's DOE dispatcher:
 * {@code dispatcher::dispatch} fits). Objects are whole: the 8-byte header included, DW-padded.
 */
@FunctionalInterface
public interface DoeBackend {
    /**
     * @param requestObject the object exactly as the host wrote it (its header Length already checked)
     * @return the response object (header included, a whole number of DWs, header Length matching), or empty
     *         for no response: the mailbox then stays idle and the host times out, as with QEMU and spdm-emu
     */
    Optional<byte[]> handle(byte[] requestObject);
}
