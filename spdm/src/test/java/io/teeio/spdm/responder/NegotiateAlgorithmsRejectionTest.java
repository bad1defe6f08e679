package io.teeio.spdm.responder;

import static io.teeio.spdm.responder.InterceptingTransport.plain;
import static io.teeio.spdm.responder.ResponderFixture.ASYM;
import static io.teeio.spdm.responder.ResponderFixture.HASH;
import static io.teeio.spdm.responder.ResponderFixture.algorithms;
import static io.teeio.spdm.responder.ResponderFixture.assertError;
import static io.teeio.spdm.responder.ResponderFixture.sessionStructs;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.teeio.spdm.message.AlgStruct;
import io.teeio.spdm.message.NegotiateAlgorithms;
import io.teeio.spdm.message.SpdmCode;
import io.teeio.spdm.message.SpdmErrorCode;
import io.teeio.spdm.transport.SecuredMessageBinding;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * NEGOTIATE_ALGORITHMS the responder must refuse (PROTOCOLS.md §1.5.1, libspdm's checks): each is
 * InvalidRequest, the responder stays after CAPABILITIES, and the requester's own NEGOTIATE_ALGORITHMS then
 * negotiates a connection whose signatures verify.
 */
class NegotiateAlgorithmsRejectionTest {
    private static final AlgStruct DHE = new AlgStruct(AlgStruct.DHE, ResponderFixture.DHE.mask());
    private static final AlgStruct AEAD = new AlgStruct(AlgStruct.AEAD, ResponderFixture.AEAD.mask());
    private static final AlgStruct KEY_SCHEDULE = new AlgStruct(AlgStruct.KEY_SCHEDULE, 0x0001);

    private static byte[] withLength(int delta) {
        byte[] b = ResponderFixture.negotiateAlgorithms();
        int length = (b[4] & 0xFF | (b[5] & 0xFF) << 8) + delta;
        b[4] = (byte) length;
        b[5] = (byte) (length >> 8);
        return b;
    }

    static Stream<Arguments> refused() {
        byte[] fixedCount3 = ResponderFixture.negotiateAlgorithms();
        fixedCount3[33] = 0x30;
        return Stream.of(
                Arguments.of("Length says 4 bytes more than the message", withLength(4)),
                Arguments.of("Length says 4 bytes less than the message", withLength(-4)),
                Arguments.of("longer than 128 bytes", new NegotiateAlgorithms(
                        ResponderFixture.V, 0x01, 0x02, ASYM.mask(), HASH.mask(), Collections.nCopies(25, 0),
                        List.of(), sessionStructs(), 0).encode()),
                Arguments.of("AlgStructs out of order (AEAD before DHE)",
                        algorithms(ASYM.mask(), HASH.mask(), List.of(AEAD, DHE, KEY_SCHEDULE)).encode()),
                Arguments.of("AlgStruct type repeated",
                        algorithms(ASYM.mask(), HASH.mask(), List.of(DHE, DHE, AEAD, KEY_SCHEDULE)).encode()),
                Arguments.of("AlgType 1 (below DHE)", algorithms(ASYM.mask(), HASH.mask(),
                        List.of(new AlgStruct(1, 1), DHE, AEAD, KEY_SCHEDULE)).encode()),
                Arguments.of("AlgType 6 (beyond KeySchedule before 1.4)", algorithms(ASYM.mask(), HASH.mask(),
                        List.of(DHE, AEAD, KEY_SCHEDULE, new AlgStruct(6, 1))).encode()),
                Arguments.of("FixedAlgCount 3", fixedCount3),
                Arguments.of("no common base hash (SHA3-256 only)",
                        algorithms(ASYM.mask(), 0x08, sessionStructs()).encode()),
                Arguments.of("no base hash offered", algorithms(ASYM.mask(), 0, sessionStructs()).encode()),
                Arguments.of("no common base asymmetric algorithm (RSASSA-2048 only)",
                        algorithms(0x0001, HASH.mask(), sessionStructs()).encode()),
                Arguments.of("no base asymmetric algorithm offered",
                        algorithms(0, HASH.mask(), sessionStructs()).encode()),
                Arguments.of("sessions but no common DHE group (ffdhe2048 only)", algorithms(ASYM.mask(), HASH.mask(),
                        List.of(new AlgStruct(AlgStruct.DHE, 0x0001), AEAD, KEY_SCHEDULE)).encode()),
                Arguments.of("sessions but no common AEAD (SM4-GCM only)", algorithms(ASYM.mask(), HASH.mask(),
                        List.of(DHE, new AlgStruct(AlgStruct.AEAD, 0x0008), KEY_SCHEDULE)).encode()),
                Arguments.of("sessions but no DHE struct",
                        algorithms(ASYM.mask(), HASH.mask(), List.of(AEAD, KEY_SCHEDULE)).encode()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusedAlgorithmRequestIsInvalidRequestAndChangesNothing(String what, byte[] request) throws Exception {
        ResponderFixture f = ResponderFixture.create();
        f.transport.before(plain(SpdmCode.NEGOTIATE_ALGORITHMS), List.of(request));
        f.authenticate();
        InterceptingTransport.Probe p = f.transport.probes().get(0);
        assertAll(() -> assertError(SpdmErrorCode.INVALID_REQUEST, p.response().bytes()),
                () -> assertEquals(ConnectionState.AFTER_CAPABILITIES, p.stateAfter()));
    }

    /** libspdm rejects an AlgStruct whose AlgSupported is 0, whether or not sessions were negotiated. */
    @ParameterizedTest(name = "AlgType {0}")
    @ValueSource(ints = {AlgStruct.DHE, AlgStruct.AEAD, AlgStruct.REQ_BASE_ASYM_ALG, AlgStruct.KEY_SCHEDULE})
    void algStructWithNothingSupportedIsInvalidRequest(int type) throws Exception {
        List<AlgStruct> structs = new ArrayList<>(List.of(DHE, AEAD, new AlgStruct(AlgStruct.REQ_BASE_ASYM_ALG,
                ASYM.mask()), KEY_SCHEDULE));
        structs.replaceAll(s -> s.algType() == type ? new AlgStruct(type, 0) : s);
        ResponderFixture f = ResponderFixture.create(ResponderFixture.responderConfig().build(),
                ResponderFixture.requesterConfig().capabilityFlags(0).build(),
                SecuredMessageBinding.PCI_DOE);
        f.transport.before(plain(SpdmCode.NEGOTIATE_ALGORITHMS),
                List.of(algorithms(ASYM.mask(), HASH.mask(), structs).encode()));
        f.authenticate();
        InterceptingTransport.Probe p = f.transport.probes().get(0);
        assertAll(() -> assertError(SpdmErrorCode.INVALID_REQUEST, p.response().bytes()),
                () -> assertEquals(ConnectionState.AFTER_CAPABILITIES, p.stateAfter()));
    }
}
