package io.teeio.spdm.responder;

import static io.teeio.spdm.responder.InterceptingTransport.plain;
import static io.teeio.spdm.responder.ResponderFixture.assertError;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.teeio.spdm.message.SpdmCode;
import io.teeio.spdm.message.SpdmErrorCode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests before VCA has come far enough for them are UnexpectedRequest and change nothing: the connection
 * that follows negotiates and authenticates with transcripts that still match.
 */
class ConnectionOrderTest {

    static Stream<Arguments> allButGetVersion() {
        return KnownRequests.except(SpdmCode.GET_VERSION);
    }

    static Stream<Arguments> allButVersionAndCapabilities() {
        return KnownRequests.except(SpdmCode.GET_VERSION, SpdmCode.GET_CAPABILITIES);
    }

    static Stream<Arguments> allButVersionAndAlgorithms() {
        return KnownRequests.except(SpdmCode.GET_VERSION, SpdmCode.NEGOTIATE_ALGORITHMS);
    }

    private static void assertUnexpectedAndUnchanged(ResponderFixture f, ConnectionState state) {
        List<InterceptingTransport.Probe> probes = f.transport.probes();
        assertEquals(1, probes.size());
        InterceptingTransport.Probe p = probes.get(0);
        assertAll(() -> assertError(SpdmErrorCode.UNEXPECTED_REQUEST, p.response().bytes()),
                () -> assertEquals(state, p.stateBefore()),
                () -> assertEquals(state, p.stateAfter()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allButGetVersion")
    void requestBeforeGetVersionIsUnexpected(String name, byte[] request) throws Exception {
        ResponderFixture f = ResponderFixture.create();
        f.transport.before(plain(SpdmCode.GET_VERSION), List.of(request));
        f.authenticate();
        assertUnexpectedAndUnchanged(f, ConnectionState.NOT_STARTED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allButVersionAndCapabilities")
    void requestAfterVersionBeforeCapabilitiesIsUnexpected(String name, byte[] request) throws Exception {
        ResponderFixture f = ResponderFixture.create();
        f.transport.before(plain(SpdmCode.GET_CAPABILITIES), List.of(request));
        f.authenticate();
        assertUnexpectedAndUnchanged(f, ConnectionState.AFTER_VERSION);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allButVersionAndAlgorithms")
    void requestAfterCapabilitiesBeforeAlgorithmsIsUnexpected(String name, byte[] request) throws Exception {
        ResponderFixture f = ResponderFixture.create();
        f.transport.before(plain(SpdmCode.NEGOTIATE_ALGORITHMS), List.of(request));
        f.authenticate();
        assertUnexpectedAndUnchanged(f, ConnectionState.AFTER_CAPABILITIES);
    }

    @Test
    void capabilitiesAndAlgorithmsAgainAfterNegotiationAreUnexpected() throws Exception {
        ResponderFixture f = ResponderFixture.create();
        f.transport.before(plain(SpdmCode.CHALLENGE),
                List.of(ResponderFixture.getCapabilities(), ResponderFixture.negotiateAlgorithms()));
        f.authenticate();
        assertAll(f.transport.probes().stream().map(p -> () -> {
            assertError(SpdmErrorCode.UNEXPECTED_REQUEST, p.response().bytes());
            assertEquals(ConnectionState.NEGOTIATED, p.stateAfter());
        }));
    }
}
