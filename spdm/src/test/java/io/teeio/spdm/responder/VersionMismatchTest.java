package io.teeio.spdm.responder;

import static io.teeio.spdm.responder.InterceptingTransport.plain;
import static io.teeio.spdm.responder.ResponderFixture.assertError;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.teeio.spdm.message.SpdmCode;
import io.teeio.spdm.message.SpdmErrorCode;
import io.teeio.spdm.message.SpdmVersion;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** PROTOCOLS.md §1.1/§1.3: GET_VERSION is always 1.0; everything after VCA carries the negotiated version. */
class VersionMismatchTest {

    @ParameterizedTest(name = "0x{0}")
    @ValueSource(ints = {0x11, 0x12, 0x13, 0x00, 0x20})
    void getVersionWithAVersionOtherThan10IsAVersionMismatch(int versionByte) throws Exception {
        ResponderFixture f = ResponderFixture.create();
        byte[] gv = ResponderFixture.getVersion();
        gv[0] = (byte) versionByte;
        f.transport.before(plain(SpdmCode.GET_VERSION), List.of(gv));
        f.authenticate();
        InterceptingTransport.Probe p = f.transport.probes().get(0);
        assertAll(() -> assertError(SpdmErrorCode.VERSION_MISMATCH, p.response().bytes()),
                () -> assertEquals(ConnectionState.NOT_STARTED, p.stateAfter()));
    }

    @Test
    void getVersionAtAnotherVersionDoesNotResetANegotiatedConnection() throws Exception {
        ResponderFixture f = ResponderFixture.create();
        f.transport.before(plain(SpdmCode.CHALLENGE),
                List.of(ResponderFixture.atVersion(ResponderFixture.getVersion(), SpdmVersion.V1_2)));
        f.authenticate();
        InterceptingTransport.Probe p = f.transport.probes().get(0);
        assertAll(() -> assertError(SpdmErrorCode.VERSION_MISMATCH, p.response().bytes()),
                () -> assertEquals(ConnectionState.NEGOTIATED, p.stateAfter()));
    }

    static Stream<Arguments> requestsAfterNegotiation() {
        return Stream.of(SpdmVersion.V1_0, SpdmVersion.V1_1, SpdmVersion.V1_3).flatMap(v -> KnownRequests.except(
                SpdmCode.GET_VERSION, SpdmCode.GET_CAPABILITIES, SpdmCode.NEGOTIATE_ALGORITHMS)
                .map(a -> Arguments.of(a.get()[0], v, a.get()[1])));
    }

    @ParameterizedTest(name = "{0} at {1}")
    @MethodSource("requestsAfterNegotiation")
    void requestAtAVersionOtherThanTheNegotiatedOneIsAVersionMismatch(String name, SpdmVersion v, byte[] request)
            throws Exception {
        ResponderFixture f = ResponderFixture.create();
        f.transport.before(plain(SpdmCode.CHALLENGE), List.of(ResponderFixture.atVersion(request, v)));
        f.authenticate();
        InterceptingTransport.Probe p = f.transport.probes().get(0);
        assertAll(() -> assertError(SpdmErrorCode.VERSION_MISMATCH, p.response().bytes()),
                () -> assertEquals(ConnectionState.NEGOTIATED, p.stateAfter()));
    }

    @Test
    void getCapabilitiesAtAVersionVersionDidNotOfferIsAVersionMismatch() throws Exception {
        ResponderFixture f = ResponderFixture.create(ResponderFixture.responderConfig()
                .versions(List.of(SpdmVersion.V1_1, SpdmVersion.V1_2)).build());
        f.transport.before(plain(SpdmCode.GET_CAPABILITIES), List.of(
                ResponderFixture.capabilities(SpdmVersion.V1_3, 0).encode(),
                ResponderFixture.capabilities(SpdmVersion.V1_0, 0).encode()));
        f.authenticate();
        assertAll(f.transport.probes().stream().map(p -> () -> {
            assertError(SpdmErrorCode.VERSION_MISMATCH, p.response().bytes());
            assertEquals(ConnectionState.AFTER_VERSION, p.stateAfter());
        }));
    }
}
