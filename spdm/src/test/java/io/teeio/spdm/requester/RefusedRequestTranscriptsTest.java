package io.teeio.spdm.requester;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.teeio.spdm.crypto.BaseAsymAlgo;
import io.teeio.spdm.message.SpdmErrorCode;
import io.teeio.spdm.responder.ResponderConfig;
import io.teeio.spdm.transport.SecuredMessageBinding;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A request the responder refuses with an ERROR leaves both sides' transcripts in step (PROTOCOLS.md §1.17:
 * the resets a request code causes apply once the request is accepted; an ERROR to GET_MEASUREMENTS restarts
 * L1 on both sides): the signatures that follow still verify.
 */
class RefusedRequestTranscriptsTest {
    private static final BaseAsymAlgo ASYM = BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P256;

    private static SpdmRequester withChain(ResponderConfig rc) throws SpdmRequesterException {
        SpdmRequester q = TestPeers.pair(rc, TestPeers.requesterConfig(ASYM).build(), SecuredMessageBinding.PCI_DOE,
                new TestPeers.PacketLog(), UnaryOperator.identity()).requester();
        q.connect();
        q.getDigests();
        q.getCertificate(0);
        return q;
    }

    private static void assertRefused(SpdmErrorCode code, Executable call) {
        SpdmRequesterException e = assertThrows(SpdmRequesterException.class, call);
        assertEquals(SpdmRequesterException.Kind.ERROR_RESPONSE, e.kind(), e.getMessage());
        assertEquals(code.value(), e.error().orElseThrow().errorCode());
    }

    @Test
    void challengeAfterARefusedGetMeasurementsStillVerifies() throws Exception {
        SpdmRequester q = withChain(TestPeers.responderConfig(ASYM).build());
        assertRefused(SpdmErrorCode.INVALID_REQUEST, () -> q.getMeasurements(0x80, false, 0, false));
        assertDoesNotThrow(() -> q.challenge(0, 0));
    }

    @Test
    void challengeAfterARefusedKeyExchangeStillVerifies() throws Exception {
        SpdmRequester q = withChain(TestPeers.responderConfig(ASYM).maxSessions(0).build());
        assertRefused(SpdmErrorCode.SESSION_LIMIT_EXCEEDED, () -> q.openSession(0, 0));
        assertDoesNotThrow(() -> q.challenge(0, 0));
    }

    @Test
    void signedMeasurementsAfterARefusedRequestBetweenThemStillVerify() throws Exception {
        SpdmRequester q = withChain(TestPeers.responderConfig(ASYM).build());
        q.getMeasurements(1, false, 0, false);
        assertRefused(SpdmErrorCode.INVALID_REQUEST, () -> q.getCertificate(3));
        assertDoesNotThrow(() -> q.getMeasurements(0xFF, true, 0, false));
    }
}
