package io.teeio.spdm.responder;

import static io.teeio.spdm.responder.InterceptingTransport.plain;
import static io.teeio.spdm.responder.ResponderFixture.assertError;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.message.OpaqueData;
import io.teeio.spdm.message.SpdmCode;
import io.teeio.spdm.message.SpdmErrorCode;
import io.teeio.spdm.message.SpdmVersion;
import io.teeio.spdm.requester.SpdmRequesterException;
import io.teeio.spdm.requester.SpdmSession;
import io.teeio.spdm.session.SecuredSession;
import io.teeio.spdm.transport.SpdmPacket;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Session requests the responder refuses (PROTOCOLS.md §1.10-§1.12, §1.3, §1.14), and what is left after. */
class SessionRequestRejectionTest {

    private static ResponderFixture connected() throws SpdmRequesterException {
        ResponderFixture f = ResponderFixture.create();
        f.requester.connect();
        f.requester.getDigests();
        f.requester.getCertificate(0);
        return f;
    }

    private static SpdmRequesterException refusedInSession(SpdmSession s, byte[] request) {
        return assertThrows(SpdmRequesterException.class,
                () -> s.sendReceive(new RawMessage(request), SpdmCode.HEARTBEAT_ACK));
    }

    private static void assertErrorCode(SpdmErrorCode code, SpdmRequesterException e) {
        assertEquals(SpdmRequesterException.Kind.ERROR_RESPONSE, e.kind(), e.getMessage());
        assertEquals(code.value(), e.error().orElseThrow().errorCode(), e.getMessage());
    }

    @Test
    void heartbeatKeyUpdateAndEndSessionOutsideASessionAreSessionRequired() throws Exception {
        ResponderFixture f = ResponderFixture.create();
        f.transport.before(plain(SpdmCode.CHALLENGE), List.of(ResponderFixture.heartbeat(),
                ResponderFixture.keyUpdate(), ResponderFixture.endSession()));
        f.authenticate();
        assertEquals(3, f.transport.probes().size());
        assertAll(f.transport.probes().stream().map(p -> () -> {
            assertError(SpdmErrorCode.SESSION_REQUIRED, p.response().bytes());
            assertEquals(ConnectionState.NEGOTIATED, p.stateAfter());
        }));
    }

    private static Bytes opaque(OpaqueData d) {
        return Bytes.of(d.encode(ResponderFixture.V));
    }

    static Stream<Arguments> keyExchangesWithoutSupportedVersion() {
        OpaqueData vendorOnly = new OpaqueData(List.of(new OpaqueData.Element(3, Bytes.of((byte) 1, (byte) 0),
                Bytes.of((byte) 9))));
        OpaqueData selectionInstead = OpaqueData.securedMessageVersionSelection(SpdmVersion.V1_2);
        OpaqueData only13 = OpaqueData.supportedSecuredMessageVersions(List.of(SpdmVersion.V1_3));
        byte[] badPadding = OpaqueData.supportedSecuredMessageVersions(List.of(SpdmVersion.V1_2))
                .encode(ResponderFixture.V);
        badPadding[badPadding.length - 1] = 1;
        return Stream.of(Arguments.of("no opaque data", Bytes.EMPTY),
                Arguments.of("a vendor element only", opaque(vendorOnly)),
                Arguments.of("a VersionSelection instead", opaque(selectionInstead)),
                Arguments.of("secured-message 1.3 only", opaque(only13)),
                Arguments.of("non-zero element padding", Bytes.of(badPadding)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keyExchangesWithoutSupportedVersion")
    void keyExchangeWithoutAUsableSupportedVersionElementIsInvalidRequest(String what, Bytes opaque)
            throws Exception {
        ResponderFixture f = ResponderFixture.create();
        f.transport.before(plain(SpdmCode.CHALLENGE),
                List.of(ResponderFixture.keyExchange(ResponderFixture.dhePublicValue(), opaque)));
        f.authenticate();
        InterceptingTransport.Probe p = f.transport.probes().get(0);
        assertAll(() -> assertError(SpdmErrorCode.INVALID_REQUEST, p.response().bytes()),
                () -> assertTrue(p.sessionsAfter().isEmpty(), "no session was made"));
    }

    static Stream<Arguments> invalidDhePoints() {
        byte[] offCurve = new byte[64];
        offCurve[31] = 1;
        offCurve[63] = 1;
        byte[] beyondField = new byte[64];
        Arrays.fill(beyondField, (byte) 0xFF);
        byte[] valid = ResponderFixture.dhePublicValue().toByteArray();
        byte[] validXwrongY = valid.clone();
        validXwrongY[63] ^= 1;
        return Stream.of(Arguments.of("all zero (the point at infinity)", Bytes.zeros(64)),
                Arguments.of("(1, 1), not on the curve", Bytes.of(offCurve)),
                Arguments.of("coordinates beyond the field", Bytes.of(beyondField)),
                Arguments.of("a valid X with a wrong Y", Bytes.of(validXwrongY)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidDhePoints")
    void keyExchangeWithAnInvalidDhePointIsInvalidRequest(String what, Bytes point) throws Exception {
        ResponderFixture f = ResponderFixture.create();
        f.transport.before(plain(SpdmCode.CHALLENGE),
                List.of(ResponderFixture.keyExchange(point, ResponderFixture.supportedVersionOpaque())));
        f.authenticate();
        InterceptingTransport.Probe p = f.transport.probes().get(0);
        assertAll(() -> assertError(SpdmErrorCode.INVALID_REQUEST, p.response().bytes()),
                () -> assertTrue(p.sessionsAfter().isEmpty(), "no session was made"));
    }

    @Test
    void finishWithoutAHandshakeIsUnexpectedRequest() throws Exception {
        ResponderFixture f = ResponderFixture.create();
        f.transport.before(plain(SpdmCode.CHALLENGE), List.of(ResponderFixture.finish()));
        f.authenticate();
        InterceptingTransport.Probe p = f.transport.probes().get(0);
        assertAll(() -> assertError(SpdmErrorCode.UNEXPECTED_REQUEST, p.response().bytes()),
                () -> assertEquals(ConnectionState.NEGOTIATED, p.stateAfter()));
    }

    @Test
    void finishWithAWrongRequesterVerifyDataIsDecryptErrorAndEndsTheSession() throws Exception {
        ResponderFixture f = connected();
        int last = 4 + ResponderFixture.HASH.size() - 1;
        f.transport.alter(plain(SpdmCode.FINISH), ResponderFixture.flipBit(last, 0));
        SpdmRequesterException e = assertThrows(SpdmRequesterException.class, () -> f.requester.openSession(0, 0));
        assertEquals("FINISH", e.step());
        assertErrorCode(SpdmErrorCode.DECRYPT_ERROR, e);
        assertTrue(f.responder.sessionIds().isEmpty(), "the handshaking session is gone");
        assertTrue(f.requester.sessions().isEmpty());
        try (SpdmSession s = f.requester.openSession(0, 0)) {
            assertDoesNotThrow(s::heartbeat);
        }
    }

    @Test
    void truncatedFinishDuringTheHandshakeIsInvalidRequestAndTheHandshakeGoesOn() throws Exception {
        ResponderFixture f = connected();
        f.transport.before(plain(SpdmCode.FINISH), TruncatedRequestTest.prefixes(ResponderFixture.finish()));
        try (SpdmSession s = f.requester.openSession(0, 0)) {
            List<InterceptingTransport.Probe> probes = f.transport.probes();
            assertEquals(4 + ResponderFixture.HASH.size(), probes.size());
            assertAll(probes.stream().map(p -> () -> {
                assertError(SpdmErrorCode.INVALID_REQUEST, p.response().bytes());
                assertEquals(1, p.sessionsAfter().size(), "the handshaking session is kept");
            }));
            assertDoesNotThrow(s::heartbeat);
        }
    }

    @Test
    void getVersionInsideASessionIsUnexpectedRequestSealedAndResetsNothing() throws Exception {
        ResponderFixture f = connected();
        try (SpdmSession s = f.requester.openSession(0, 0)) {
            SpdmRequesterException e = refusedInSession(s, ResponderFixture.getVersion());
            assertErrorCode(SpdmErrorCode.UNEXPECTED_REQUEST, e);
            List<SpdmPacket> responses = f.transport.responses();
            assertTrue(responses.get(responses.size() - 1).secured(), "the ERROR came sealed");
            assertTrue(s.isOpen());
            assertEquals(ConnectionState.NEGOTIATED, f.responder.state());
            assertEquals(SecuredSession.Phase.ESTABLISHED, f.responder.sessionPhase(s.id()));
            assertDoesNotThrow(s::heartbeat);
        }
    }

    static Stream<Arguments> notInASession() {
        return KnownRequests.all().entrySet().stream()
                .filter(e -> List.of(SpdmCode.GET_CAPABILITIES, SpdmCode.NEGOTIATE_ALGORITHMS, SpdmCode.CHALLENGE,
                        SpdmCode.KEY_EXCHANGE, SpdmCode.RESPOND_IF_READY).contains(e.getKey()))
                .map(e -> Arguments.of(SpdmCode.name(e.getKey()), e.getValue().get()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notInASession")
    void connectionRequestsInsideASessionAreUnexpectedRequest(String name, byte[] request) throws Exception {
        ResponderFixture f = connected();
        try (SpdmSession s = f.requester.openSession(0, 0)) {
            assertErrorCode(SpdmErrorCode.UNEXPECTED_REQUEST, refusedInSession(s, request));
            assertTrue(s.isOpen());
            assertDoesNotThrow(s::heartbeat);
        }
    }

    static Stream<Arguments> inSessionRequests() {
        return KnownRequests.all().entrySet().stream()
                .filter(e -> List.of(SpdmCode.GET_DIGESTS, SpdmCode.GET_CERTIFICATE, SpdmCode.GET_MEASUREMENTS,
                        SpdmCode.HEARTBEAT, SpdmCode.KEY_UPDATE, SpdmCode.END_SESSION,
                        SpdmCode.VENDOR_DEFINED_REQUEST).contains(e.getKey()))
                .map(e -> Arguments.of(SpdmCode.name(e.getKey()), e.getValue().get()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inSessionRequests")
    void truncatedRequestInsideASessionIsInvalidRequestSealedAndKeepsTheSession(String name, byte[] valid)
            throws Exception {
        ResponderFixture f = connected();
        try (SpdmSession s = f.requester.openSession(0, 0)) {
            for (byte[] cut : TruncatedRequestTest.prefixes(valid)) {
                assertErrorCode(SpdmErrorCode.INVALID_REQUEST, refusedInSession(s, cut));
                assertTrue(s.isOpen(), cut.length + " bytes");
            }
            assertDoesNotThrow(s::heartbeat);
        }
    }

    @Test
    void respondIfReadyWithNothingPendingIsUnexpectedRequest() throws Exception {
        ResponderFixture f = ResponderFixture.create();
        f.transport.before(plain(SpdmCode.CHALLENGE),
                List.of(ResponderFixture.respondIfReady(SpdmCode.CHALLENGE, 1)));
        f.authenticate();
        assertError(SpdmErrorCode.UNEXPECTED_REQUEST, f.transport.probes().get(0).response().bytes());
    }

    @Test
    void respondIfReadyWithAnotherTokenIsUnexpectedRequestAndTheHeldResponseStaysHeld() throws Exception {
        ResponderFixture f = ResponderFixture.create(ResponderFixture.responderConfig()
                .responseNotReady(code -> code == SpdmCode.CHALLENGE).build());
        f.transport.beforeDerived(plain(SpdmCode.RESPOND_IF_READY), p -> {
            byte[] other = p.bytes();
            other[3] ^= 0x55;
            return List.of(SpdmPacket.plain(other));
        });
        f.authenticate();
        assertError(SpdmErrorCode.UNEXPECTED_REQUEST, f.transport.probes().get(0).response().bytes());
    }

    @Test
    void responseNotReadyForEveryRequestWorksEndToEndThroughRespondIfReady() throws Exception {
        ResponderFixture f = ResponderFixture.create(ResponderFixture.responderConfig()
                .responseNotReady(code -> true).build());
        f.authenticate();
        try (SpdmSession s = f.requester.openSession(0, 0)) {
            s.heartbeat();
        }
        List<SpdmPacket> requests = f.transport.requests();
        List<SpdmPacket> responses = f.transport.responses();
        List<Integer> sent = requests.stream().filter(p -> !p.secured()).map(p -> p.bytes()[1] & 0xFF)
                .filter(c -> c != SpdmCode.RESPOND_IF_READY).distinct().toList();
        for (int i = 0; i < requests.size(); i++) {
            SpdmPacket q = requests.get(i);
            if (q.secured() || (q.bytes()[1] & 0xFF) == SpdmCode.RESPOND_IF_READY) {
                continue;
            }
            byte[] rsp = responses.get(i).bytes();
            assertError(SpdmErrorCode.RESPONSE_NOT_READY, rsp);
            assertEquals(q.bytes()[1], rsp[5], "ResponseNotReady names the request code");
            byte[] retry = requests.get(i + 1).bytes();
            assertEquals(SpdmCode.RESPOND_IF_READY, retry[1] & 0xFF);
            assertEquals(rsp[6], retry[3], "RESPOND_IF_READY echoes the token");
            assertFalse((responses.get(i + 1).bytes()[1] & 0xFF) == SpdmCode.ERROR, "the held response came back");
        }
        assertTrue(sent.containsAll(List.of(SpdmCode.GET_VERSION, SpdmCode.GET_CAPABILITIES,
                SpdmCode.NEGOTIATE_ALGORITHMS, SpdmCode.GET_DIGESTS, SpdmCode.GET_CERTIFICATE, SpdmCode.CHALLENGE,
                SpdmCode.GET_MEASUREMENTS, SpdmCode.KEY_EXCHANGE, SpdmCode.FINISH)), sent.toString());
    }
}
