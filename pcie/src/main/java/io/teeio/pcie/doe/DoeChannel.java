package io.teeio.pcie.doe;

import java.io.IOException;

/** The host side of one DOE mailbox: write a whole request object, get back the whole response object. */
@FunctionalInterface
public interface DoeChannel {
    /**
     * @param requestObject a complete encoded data object (header included)
     * @return the complete encoded response object
     * @throws IOException when the mailbox fails, times out or is aborted
     */
    byte[] exchange(byte[] requestObject) throws IOException;
}
