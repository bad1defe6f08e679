package io.teeio.spdm.responder;

import static io.teeio.spdm.responder.InterceptingTransport.plain;
import static io.teeio.spdm.responder.InterceptingTransport.signedGetMeasurements;
import static io.teeio.spdm.responder.ResponderFixture.assertError;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.teeio.spdm.message.SpdmCode;
import io.teeio.spdm.message.SpdmErrorCode;
import io.teeio.spdm.transport.SpdmPacket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every request the responder knows, cut short at every length below its valid size (down to nothing), is
 * InvalidRequest and changes nothing: sent where the request is allowed, the connection goes on and every
 * later signature still verifies over transcripts the requester kept without it.
 */
class TruncatedRequestTest {

    /** Every strict prefix of {@code valid}, the empty one included. */
    static List<byte[]> prefixes(byte[] valid) {
        List<byte[]> out = new ArrayList<>();
        for (int n = 0; n < valid.length; n++) {
            out.add(Arrays.copyOf(valid, n));
        }
        return out;
    }

    /**
     * Where each request is sent: VCA requests in their own VCA step; the rest once the connection is
     * negotiated, before CHALLENGE (B and C must survive) and before the signed GET_MEASUREMENTS (the
     * measurement log must survive; not for GET_MEASUREMENTS, whose ERROR resets it by rule).
     */
    static Stream<Arguments> requests() {
        Predicate<SpdmPacket> challenge = plain(SpdmCode.CHALLENGE);
        return KnownRequests.all().entrySet().stream().flatMap(e -> {
            int code = e.getKey();
            String name = SpdmCode.name(code);
            byte[] valid = e.getValue().get();
            List<Arguments> cases = new ArrayList<>();
            switch (code) {
                case SpdmCode.GET_VERSION -> {
                    cases.add(Arguments.of(name, "before GET_VERSION", valid, plain(SpdmCode.GET_VERSION),
                            ConnectionState.NOT_STARTED));
                    cases.add(Arguments.of(name, "before CHALLENGE", valid, challenge, ConnectionState.NEGOTIATED));
                }
                case SpdmCode.GET_CAPABILITIES, SpdmCode.NEGOTIATE_ALGORITHMS -> cases.add(Arguments.of(name,
                        "in its VCA step", valid, plain(code), code == SpdmCode.GET_CAPABILITIES
                                ? ConnectionState.AFTER_VERSION : ConnectionState.AFTER_CAPABILITIES));
                case SpdmCode.FINISH -> {
                    // outside a handshake FINISH is UnexpectedRequest whatever its length; only the
                    // header-less prefixes belong here (SessionRequestRejectionTest cuts it in a handshake)
                    cases.add(Arguments.of(name, "before CHALLENGE", Arrays.copyOf(valid, 4), challenge,
                            ConnectionState.NEGOTIATED));
                }
                default -> {
                    cases.add(Arguments.of(name, "before CHALLENGE", valid, challenge, ConnectionState.NEGOTIATED));
                    if (code != SpdmCode.GET_MEASUREMENTS) {
                        cases.add(Arguments.of(name, "between two GET_MEASUREMENTS", valid, signedGetMeasurements(),
                                ConnectionState.AUTHENTICATED));
                    }
                }
            }
            return cases.stream();
        });
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("requests")
    void everyTruncationIsInvalidRequestAndChangesNothing(String name, String where, byte[] valid,
            Predicate<SpdmPacket> when, ConnectionState state) throws Exception {
        ResponderFixture f = ResponderFixture.create();
        f.transport.before(when, prefixes(valid));
        f.authenticate();
        List<InterceptingTransport.Probe> probes = f.transport.probes();
        assertEquals(valid.length, probes.size());
        assertAll(probes.stream().map(p -> () -> {
            String what = p.request().length() + " of " + valid.length + " bytes";
            assertError(SpdmErrorCode.INVALID_REQUEST, p.response().bytes());
            assertEquals(state, p.stateBefore(), what);
            assertEquals(state, p.stateAfter(), what);
        }));
    }
}
