package io.teeio.platform.tsm;

import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.connection.Negotiated;
import io.teeio.spdm.session.SessionId;

/**
 * What the TSM established with a DSM, for reports: the SPDM version and algorithms, the slot 0 leaf, the
 * measurements it took and their summary hash (Hash of all blocks, as MeasurementSummaryHash type 0xFF), the
 * session and the IDE stream. Holds no key material.
 */
public record LinkInfo(Negotiated negotiated, String leafSubject, int measurementCount, Bytes measurementDigest,
        SessionId session, int ideStream) {
}
