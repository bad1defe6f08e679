package io.teeio.spdm.requester;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.spdm.connection.Negotiated;
import io.teeio.spdm.crypto.BaseAsymAlgo;
import io.teeio.spdm.message.SpdmVersion;
import io.teeio.spdm.responder.ConnectionState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AuthenticationFlowTest {

    @ParameterizedTest
    @EnumSource(BaseAsymAlgo.class)
    void requesterAuthenticatesResponderWithEverySuite(BaseAsymAlgo algo) throws Exception {
        TestPeers.Pair p = TestPeers.pair(algo);
        Negotiated n = p.requester().connect();
        assertEquals(SpdmVersion.V1_2, n.version());
        assertEquals(algo, n.baseAsym());
        assertEquals(0x01, p.requester().getDigests().slotMask());
        CertificateChainResult chain = p.requester().getCertificate(0);
        assertTrue(chain.verified().isPresent());
        p.requester().challenge(0, 0xFF);
        assertEquals(ConnectionState.AUTHENTICATED, p.responder().state());
        MeasurementResult count = p.requester().getMeasurements(0, false, 0, false);
        MeasurementResult all = p.requester().getMeasurements(0xFF, true, 0, false);
        assertEquals(count.totalCount(), all.blocks().size());
        assertFalse(all.blocks().isEmpty());
    }
}
