package io.teeio.spdm.requester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.spdm.crypto.BaseAsymAlgo;
import io.teeio.spdm.message.SpdmErrorCode;
import io.teeio.spdm.responder.SpdmResponder;
import io.teeio.spdm.transport.InMemoryTransport;
import io.teeio.spdm.transport.SecuredMessageBinding;
import io.teeio.trace.Tracer;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HeartbeatWatchdogTest {
    private static final BaseAsymAlgo ASYM = BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P256;
    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong();
    private SpdmResponder responder;

    private SpdmSession session(int period) throws Exception {
        responder = new SpdmResponder(TestPeers.responderConfig(ASYM).heartbeatPeriod(period).time(now::get).build(),
                TestPeers.crypto(21), SecuredMessageBinding.PCI_DOE, Tracer.NONE);
        SpdmRequester q = new SpdmRequester(TestPeers.requesterConfig(ASYM).build(),
                new InMemoryTransport(responder::respond, SecuredMessageBinding.PCI_DOE), TestPeers.crypto(22),
                Tracer.NONE);
        q.connect();
        q.getCertificate(0);
        return q.openSession(0, 0);
    }

    @Test
    void keyExchangeRspOffersTheConfiguredHeartbeatPeriod() throws Exception {
        assertEquals(10, session(10).heartbeatPeriod());
    }

    @Test
    void heartbeatsWithinTwiceThePeriodKeepTheSessionAlive() throws Exception {
        SpdmSession s = session(10);
        for (int i = 0; i < 5; i++) {
            now.addAndGet(15 * SECOND);
            s.heartbeat();
        }
        assertTrue(s.isOpen());
        assertEquals(1, responder.sessionIds().size());
    }

    @Test
    void aSessionSilentForMoreThanTwiceThePeriodIsEnded() throws Exception {
        SpdmSession s = session(10);
        now.addAndGet(21 * SECOND);
        SpdmRequesterException e = assertThrows(SpdmRequesterException.class, s::heartbeat);
        assertEquals(SpdmErrorCode.INVALID_SESSION.value(), e.error().orElseThrow().errorCode());
        assertFalse(s.isOpen());
        assertTrue(responder.sessionIds().isEmpty());
    }

    @Test
    void withoutAPeriodNoSessionExpires() throws Exception {
        SpdmSession s = session(0);
        now.addAndGet(3600 * SECOND);
        s.heartbeat();
        assertTrue(s.isOpen());
    }
}
