package io.teeio.pcie.doe;

import java.util.Optional;

/** Answers the data objects of one DOE protocol (e.g. CMA/SPDM) on the device side. */
@FunctionalInterface
public interface DoeObjectHandler {
    /**
     * @return the response object, or empty when the protocol gives no answer (the mailbox then
     *         produces no response and the requester times out, as a device would)
     */
    Optional<DataObject> handle(DataObject request);
}
