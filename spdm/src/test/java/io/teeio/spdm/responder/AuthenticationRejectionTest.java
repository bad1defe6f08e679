package io.teeio.spdm.responder;

import static io.teeio.spdm.responder.InterceptingTransport.plain;
import static io.teeio.spdm.responder.ResponderFixture.assertError;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.message.Challenge;
import io.teeio.spdm.message.GetMeasurements;
import io.teeio.spdm.message.SpdmCode;
import io.teeio.spdm.message.SpdmErrorCode;
import io.teeio.spdm.requester.SpdmRequesterException;
import io.teeio.spdm.requester.TestPeers;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GET_CERTIFICATE, CHALLENGE and GET_MEASUREMENTS the responder refuses with InvalidRequest (PROTOCOLS.md
 * §1.7-§1.9), sent once the connection is negotiated: nothing changes, CHALLENGE and signed measurements
 * that follow still verify.
 */
class AuthenticationRejectionTest {

    private static void assertAllInvalidAndNegotiated(ResponderFixture f, int expected) {
        List<InterceptingTransport.Probe> probes = f.transport.probes();
        assertEquals(expected, probes.size());
        assertAll(probes.stream().map(p -> () -> {
            assertError(SpdmErrorCode.INVALID_REQUEST, p.response().bytes());
            assertEquals(ConnectionState.NEGOTIATED, p.stateAfter());
        }));
    }

    @ParameterizedTest(name = "slot {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 0x0F})
    void getCertificateForAnUnprovisionedSlotIsInvalidRequest(int slot) throws Exception {
        ResponderFixture f = ResponderFixture.create();
        f.transport.before(plain(SpdmCode.CHALLENGE), List.of(ResponderFixture.getCertificate(slot, 0, 0x400)));
        f.authenticate();
        assertAllInvalidAndNegotiated(f, 1);
    }

    @Test
    void getCertificateFromTheChainEndOnIsInvalidRequest() throws Exception {
        int chainLength = TestPeers.identity(ResponderFixture.ASYM).chain()
                .encode(ResponderFixture.HASH, TestPeers.crypto(1)).length;
        ResponderFixture f = ResponderFixture.create();
        f.transport.before(plain(SpdmCode.CHALLENGE), IntStream.of(chainLength, chainLength + 1, 0xFFFF)
                .mapToObj(offset -> ResponderFixture.getCertificate(0, offset, 0x400)).toList());
        f.authenticate();
        assertAllInvalidAndNegotiated(f, 3);
    }

    @ParameterizedTest(name = "slot 0x{0}")
    @ValueSource(ints = {1, 7, 0xFF})
    void challengeForAnUnprovisionedSlotIsInvalidRequest(int slot) throws Exception {
        ResponderFixture f = ResponderFixture.create();
        f.transport.before(plain(SpdmCode.CHALLENGE), List.of(ResponderFixture.challenge(slot)));
        f.authenticate();
        assertAllInvalidAndNegotiated(f, 1);
    }

    @Test
    void challengeWithAnUndefinedSummaryHashTypeIsInvalidRequest() throws Exception {
        ResponderFixture f = ResponderFixture.create();
        f.transport.before(plain(SpdmCode.CHALLENGE),
                List.of(new Challenge(ResponderFixture.V, 0, 0x02, Bytes.zeros(32), Bytes.EMPTY).encode()));
        f.authenticate();
        assertAllInvalidAndNegotiated(f, 1);
    }

    @Test
    void signedGetMeasurementsForAnUnprovisionedSlotIsInvalidRequest() throws Exception {
        ResponderFixture f = ResponderFixture.create();
        f.transport.before(plain(SpdmCode.CHALLENGE), List.of(new GetMeasurements(ResponderFixture.V,
                GetMeasurements.SIGNATURE_REQUESTED, 1, Bytes.zeros(32), 3, Bytes.EMPTY).encode()));
        f.authenticate();
        assertAllInvalidAndNegotiated(f, 1);
    }

    /**
     * §1.17: an ERROR to GET_MEASUREMENTS restarts L1 on both sides. The requester dropped its log on the
     * ERROR; the signed measurement that follows verifies only if the responder dropped the unsigned
     * exchange before the bad request too.
     */
    @ParameterizedTest(name = "index 0x{0}")
    @ValueSource(ints = {0x07, 0x80, 0xFE})
    void getMeasurementsForAMissingIndexIsInvalidRequestAndRestartsL1(int index) throws Exception {
        ResponderFixture f = ResponderFixture.create();
        f.requester.connect();
        f.requester.getDigests();
        f.requester.getCertificate(0);
        f.requester.getMeasurements(1, false, 0, false);
        SpdmRequesterException e = assertThrows(SpdmRequesterException.class,
                () -> f.requester.getMeasurements(index, false, 0, false));
        assertEquals(SpdmRequesterException.Kind.ERROR_RESPONSE, e.kind());
        assertEquals(SpdmErrorCode.INVALID_REQUEST.value(), e.error().orElseThrow().errorCode());
        assertDoesNotThrow(() -> f.requester.getMeasurements(0xFF, true, 0, false));
    }
}
