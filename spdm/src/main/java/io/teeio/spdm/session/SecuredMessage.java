package io.teeio.spdm.session;

import io.teeio.spdm.codec.Bytes;

/**
 * A secured record after opening.
 *
 * @param sessionId       the record's session
 * @param sequenceNumber  the counter value the record was protected with
 * @param applicationData the application data: an SPDM message (PCI DOE) or MCTP type byte + message (MCTP)
 */
public record SecuredMessage(SessionId sessionId, long sequenceNumber, Bytes applicationData) {
}
