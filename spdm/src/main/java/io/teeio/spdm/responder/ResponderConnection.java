package io.teeio.spdm.responder;

import io.teeio.spdm.connection.ConnectionTranscripts;
import io.teeio.spdm.connection.Negotiated;
import io.teeio.spdm.message.GetCapabilities;
import io.teeio.spdm.message.SpdmVersion;

/** The responder's per-connection state, shared by its message handlers. */
final class ResponderConnection {
    final ConnectionTranscripts transcripts = new ConnectionTranscripts();
    ConnectionState state = ConnectionState.NOT_STARTED;
    SpdmVersion version;
    GetCapabilities requesterCapabilities;
    Negotiated negotiated;

    void reset() {
        transcripts.resetAll();
        state = ConnectionState.NOT_STARTED;
        version = null;
        requesterCapabilities = null;
        negotiated = null;
    }

    /** The version to put on an ERROR: the negotiated one, else 1.0. */
    SpdmVersion errorVersion() {
        return version == null ? SpdmVersion.V1_0 : version;
    }
}
