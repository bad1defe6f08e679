package io.teeio.spdm.requester;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import io.teeio.spdm.crypto.BaseAsymAlgo;
import io.teeio.spdm.transport.SecuredMessageBinding;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Requests inside a session and the connection's transcripts (PROTOCOLS.md §1.17; libspdm
 * libspdm_reset_message_buffer_via_request_code): inside a session the measurement log that restarts is the
 * session's, and B and C restart on both sides alike, so signatures outside the session still verify.
 */
class SessionTranscriptsTest {
    private static final BaseAsymAlgo ASYM = BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P256;

    private static SpdmRequester withChain() throws SpdmRequesterException {
        SpdmRequester q = TestPeers.pair(TestPeers.responderConfig(ASYM).build(),
                TestPeers.requesterConfig(ASYM).build(), SecuredMessageBinding.PCI_DOE, new TestPeers.PacketLog(),
                UnaryOperator.identity()).requester();
        q.connect();
        q.getDigests();
        q.getCertificate(0);
        return q;
    }

    @Test
    void aRequestInsideASessionDoesNotRestartTheConnectionsMeasurementLog() throws Exception {
        SpdmRequester q = withChain();
        try (SpdmSession s = q.openSession(0, 0)) {
            q.getMeasurements(1, false, 0, false);
            s.heartbeat();
            assertDoesNotThrow(() -> q.getMeasurements(0xFF, true, 0, false));
        }
    }

    @Test
    void challengeAfterARequestInsideASessionStillVerifies() throws Exception {
        SpdmRequester q = withChain();
        try (SpdmSession s = q.openSession(0, 0)) {
            q.getDigests();
            q.getCertificate(0);
            s.heartbeat();
            assertDoesNotThrow(() -> q.challenge(0, 0));
        }
    }
}
