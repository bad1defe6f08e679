package io.teeio.spdm.responder;

import static io.teeio.spdm.message.CapabilityFlags.CERT_CAP;
import static io.teeio.spdm.message.CapabilityFlags.CHAL_CAP;
import static io.teeio.spdm.message.CapabilityFlags.CHUNK_CAP;
import static io.teeio.spdm.message.CapabilityFlags.ENCAP_CAP;
import static io.teeio.spdm.message.CapabilityFlags.ENCRYPT_CAP;
import static io.teeio.spdm.message.CapabilityFlags.HANDSHAKE_IN_THE_CLEAR_CAP;
import static io.teeio.spdm.message.CapabilityFlags.HBEAT_CAP;
import static io.teeio.spdm.message.CapabilityFlags.KEY_EX_CAP;
import static io.teeio.spdm.message.CapabilityFlags.KEY_UPD_CAP;
import static io.teeio.spdm.message.CapabilityFlags.MAC_CAP;
import static io.teeio.spdm.message.CapabilityFlags.MUT_AUTH_CAP;
import static io.teeio.spdm.message.CapabilityFlags.PUB_KEY_ID_CAP;
import static io.teeio.spdm.responder.InterceptingTransport.plain;
import static io.teeio.spdm.responder.ResponderFixture.assertError;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.spdm.message.GetCapabilities;
import io.teeio.spdm.message.SpdmCode;
import io.teeio.spdm.message.SpdmErrorCode;
import io.teeio.spdm.message.SpdmVersion;
import io.teeio.spdm.requester.RequesterConfig;
import io.teeio.trace.TraceEvent;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The libspdm consistency checks on the requester's GET_CAPABILITIES (PROTOCOLS.md §1.4), each alone: the
 * request is InvalidRequest for the rule's reason, the responder stays after VERSION, and the requester's
 * own GET_CAPABILITIES then goes through.
 */
class CapabilitiesConsistencyTest {
    private static final SpdmVersion V12 = SpdmVersion.V1_2;
    private static final SpdmVersion V11 = SpdmVersion.V1_1;
    private static final int PSK = 1 << 10;
    private static final int DEFAULT = RequesterConfig.DEFAULT_FLAGS;

    private static Arguments rule(String rule, GetCapabilities request, String reason) {
        return Arguments.of(rule, request, reason);
    }

    private static GetCapabilities caps(SpdmVersion v, int flags) {
        return new GetCapabilities(v, 0, 0, flags, 0x1200, 0x1200);
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                rule("CTExponent above 31", new GetCapabilities(V12, 0, 32, DEFAULT, 0x1200, 0x1200), "CTExponent"),
                rule("PSK_CAP 2 is reserved", caps(V12, DEFAULT | 2 * PSK), "PSK_CAP value 2"),
                rule("PSK_CAP 3 is reserved", caps(V12, DEFAULT | 3 * PSK), "PSK_CAP value 3"),
                rule("KEY_EX_CAP without MAC_CAP or ENCRYPT_CAP", caps(V12, KEY_EX_CAP), "without MAC_CAP"),
                rule("PSK_CAP without MAC_CAP or ENCRYPT_CAP", caps(V12, PSK), "without MAC_CAP"),
                rule("MAC_CAP without KEY_EX_CAP or PSK_CAP", caps(V12, MAC_CAP), "without KEY_EX_CAP or PSK_CAP"),
                rule("ENCRYPT_CAP without KEY_EX_CAP or PSK_CAP", caps(V12, ENCRYPT_CAP),
                        "without KEY_EX_CAP or PSK_CAP"),
                rule("HANDSHAKE_IN_THE_CLEAR_CAP without KEY_EX_CAP or PSK_CAP",
                        caps(V12, HANDSHAKE_IN_THE_CLEAR_CAP), "without KEY_EX_CAP or PSK_CAP"),
                rule("HBEAT_CAP without KEY_EX_CAP or PSK_CAP", caps(V12, HBEAT_CAP), "without KEY_EX_CAP or PSK_CAP"),
                rule("KEY_UPD_CAP without KEY_EX_CAP or PSK_CAP", caps(V12, KEY_UPD_CAP),
                        "without KEY_EX_CAP or PSK_CAP"),
                rule("HANDSHAKE_IN_THE_CLEAR_CAP with PSK only",
                        caps(V12, PSK | MAC_CAP | HANDSHAKE_IN_THE_CLEAR_CAP), "PSK only"),
                rule("CERT_CAP and PUB_KEY_ID_CAP together", caps(V12, DEFAULT | CERT_CAP | PUB_KEY_ID_CAP),
                        "both set"),
                rule("CERT_CAP without CHAL_CAP or KEY_EX_CAP", caps(V12, CERT_CAP), "without CHAL_CAP or KEY_EX_CAP"),
                rule("PUB_KEY_ID_CAP without CHAL_CAP or KEY_EX_CAP", caps(V12, PUB_KEY_ID_CAP),
                        "without CHAL_CAP or KEY_EX_CAP"),
                rule("CHAL_CAP without CERT_CAP or PUB_KEY_ID_CAP", caps(V12, DEFAULT | CHAL_CAP),
                        "without CERT_CAP or PUB_KEY_ID_CAP"),
                rule("MUT_AUTH_CAP without CERT_CAP or PUB_KEY_ID_CAP", caps(V12, DEFAULT | MUT_AUTH_CAP),
                        "without CERT_CAP or PUB_KEY_ID_CAP"),
                rule("1.1: MUT_AUTH_CAP without ENCAP_CAP", caps(V11, CERT_CAP | CHAL_CAP | MUT_AUTH_CAP),
                        "MUT_AUTH_CAP without ENCAP_CAP"),
                rule("1.1: the session rules hold too", caps(V11, KEY_EX_CAP), "without MAC_CAP"),
                rule("1.2: DataTransferSize below 42", new GetCapabilities(V12, 0, 0, DEFAULT, 41, 41),
                        "MinDataTransferSize"),
                rule("1.2: MaxSPDMmsgSize below DataTransferSize",
                        new GetCapabilities(V12, 0, 0, DEFAULT | CHUNK_CAP, 0x1200, 0x1000), "smaller than"),
                rule("1.2: MaxSPDMmsgSize other than DataTransferSize without CHUNK_CAP",
                        new GetCapabilities(V12, 0, 0, DEFAULT, 0x1200, 0x2000), "without CHUNK_CAP"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void requesterFlagsBreakingARuleAreInvalidRequest(String rule, GetCapabilities request, String reason)
            throws Exception {
        ResponderFixture f = ResponderFixture.create();
        f.transport.before(plain(SpdmCode.GET_CAPABILITIES), List.of(request.encode()));
        f.authenticate();
        InterceptingTransport.Probe p = f.transport.probes().get(0);
        String traced = f.trace.events().stream().filter(e -> e.action().equals("GET_CAPABILITIES -> ERROR "
                + "InvalidRequest")).map(TraceEvent::detail).findFirst().orElse("(no trace)");
        assertAll(() -> assertError(SpdmErrorCode.INVALID_REQUEST, p.response().bytes()),
                () -> assertEquals(ConnectionState.AFTER_VERSION, p.stateAfter()),
                () -> assertTrue(traced.contains(reason), "traced reason: " + traced));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validFlags")
    void consistentRequesterFlagsAreAccepted(String what, GetCapabilities request) {
        ResponderFixture f = ResponderFixture.create();
        f.send(ResponderFixture.getVersion());
        assertEquals(SpdmCode.CAPABILITIES, f.send(request.encode())[1] & 0xFF);
        assertEquals(ConnectionState.AFTER_CAPABILITIES, f.responder.state());
    }

    static Stream<Arguments> validFlags() {
        return Stream.of(Arguments.of("no capabilities", caps(V12, 0)),
                Arguments.of("the requester's defaults", caps(V12, DEFAULT)),
                Arguments.of("PSK with MAC", caps(V12, PSK | MAC_CAP)),
                Arguments.of("CERT with CHAL and MUT_AUTH", caps(V12, CERT_CAP | CHAL_CAP | MUT_AUTH_CAP)),
                Arguments.of("1.1 MUT_AUTH with ENCAP", caps(V11, CERT_CAP | CHAL_CAP | MUT_AUTH_CAP | ENCAP_CAP)),
                Arguments.of("1.2 MUT_AUTH without ENCAP", caps(V12, CERT_CAP | CHAL_CAP | MUT_AUTH_CAP)));
    }
}
