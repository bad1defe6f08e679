package io.teeio.spdm.responder;

import static io.teeio.spdm.responder.InterceptingTransport.securedRecord;
import static io.teeio.spdm.responder.ResponderFixture.assertError;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.spdm.message.CapabilityFlags;
import io.teeio.spdm.message.SpdmErrorCode;
import io.teeio.spdm.requester.RequesterConfig;
import io.teeio.spdm.requester.SpdmRequesterException;
import io.teeio.spdm.requester.SpdmSession;
import io.teeio.spdm.session.SecuredSession;
import io.teeio.spdm.session.SessionId;
import io.teeio.spdm.transport.SecuredMessageBinding;
import io.teeio.spdm.transport.SpdmPacket;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Secured records altered or replayed on their way to the responder (DSP0277 records, PROTOCOLS.md §3): a
 * record that does not open is DecryptError in the clear and ends the session on both sides; a record for an
 * unknown session id is InvalidSession in the clear and leaves the real session as it was.
 */
class SessionTamperTest {
    private static final int TAG = 16;

    private record Open(ResponderFixture f, SpdmSession session) {
    }

    private static Open open(SecuredMessageBinding binding, int requesterFlags) throws Exception {
        ResponderFixture f = ResponderFixture.create(ResponderFixture.responderConfig().build(),
                ResponderFixture.requesterConfig().capabilityFlags(requesterFlags).build(), binding);
        f.requester.connect();
        f.requester.getDigests();
        f.requester.getCertificate(0);
        return new Open(f, f.requester.openSession(0, 0));
    }

    private static Open open(SecuredMessageBinding binding) throws Exception {
        return open(binding, RequesterConfig.DEFAULT_FLAGS);
    }

    private static SpdmPacket lastResponse(ResponderFixture f) {
        List<SpdmPacket> r = f.transport.responses();
        return r.get(r.size() - 1);
    }

    /** Alters byte {@code offset} of a record (from the end when negative). */
    private static UnaryOperator<SpdmPacket> flip(int offset, int bit) {
        return p -> {
            byte[] b = p.bytes();
            int i = offset < 0 ? b.length + offset : offset;
            b[i] ^= (byte) (1 << bit);
            return SpdmPacket.secured(b);
        };
    }

    private static void assertEndedOnBothSidesByDecryptError(Open o, SpdmRequesterException e) {
        SpdmPacket answer = lastResponse(o.f());
        assertAll(() -> assertFalse(answer.secured(), "DecryptError travels in the clear"),
                () -> assertError(SpdmErrorCode.DECRYPT_ERROR, answer.bytes()),
                () -> assertEquals(SpdmRequesterException.Kind.ERROR_RESPONSE, e.kind(), e.getMessage()),
                () -> assertEquals(SpdmErrorCode.DECRYPT_ERROR.value(), e.error().orElseThrow().errorCode()),
                () -> assertFalse(o.f().responder.sessionIds().contains(o.session().id()), "responder ended it"),
                () -> assertEquals(SecuredSession.Phase.ENDED, o.f().responder.sessionPhase(o.session().id())),
                () -> assertFalse(o.session().isOpen(), "requester ended it on receipt"),
                () -> assertTrue(o.f().requester.sessions().isEmpty()));
    }

    /** PCI DOE, encrypt+MAC: SessionID(4) Length(2) ciphertext(ApplicationDataLength(2) message) MAC(16). */
    static Stream<Arguments> encMacTampering() {
        return Stream.of(Arguments.of("Length, low bit", 4, 0), Arguments.of("Length, bit 8", 5, 0),
                Arguments.of("Length, bit 15", 5, 7), Arguments.of("ciphertext of ApplicationDataLength", 6, 0),
                Arguments.of("ciphertext of the message", 9, 3), Arguments.of("first MAC byte", -TAG, 0),
                Arguments.of("last MAC byte", -1, 7));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encMacTampering")
    void alteredEncryptedRecordIsDecryptErrorInTheClearAndEndsTheSession(String where, int offset, int bit)
            throws Exception {
        Open o = open(SecuredMessageBinding.PCI_DOE);
        o.f().transport.alter(securedRecord(), flip(offset, bit));
        SpdmRequesterException e = assertThrows(SpdmRequesterException.class, o.session()::heartbeat);
        assertEndedOnBothSidesByDecryptError(o, e);
    }

    /** PCI DOE, MAC only: SessionID(4) Length(2) message(clear) MAC(16). */
    static Stream<Arguments> macOnlyTampering() {
        return Stream.of(Arguments.of("Length", 4, 1), Arguments.of("the message in the clear", 7, 0),
                Arguments.of("MAC", -3, 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("macOnlyTampering")
    void alteredMacOnlyRecordIsDecryptErrorInTheClearAndEndsTheSession(String where, int offset, int bit)
            throws Exception {
        Open o = open(SecuredMessageBinding.PCI_DOE, RequesterConfig.DEFAULT_FLAGS & ~CapabilityFlags.ENCRYPT_CAP);
        o.f().transport.alter(securedRecord(), flip(offset, bit));
        SpdmRequesterException e = assertThrows(SpdmRequesterException.class, o.session()::heartbeat);
        assertEndedOnBothSidesByDecryptError(o, e);
    }

    @Test
    void recordCutShortIsDecryptErrorInTheClearAndEndsTheSession() throws Exception {
        Open o = open(SecuredMessageBinding.PCI_DOE);
        o.f().transport.alter(securedRecord(), p -> SpdmPacket.secured(Arrays.copyOf(p.bytes(),
                p.length() - 1)));
        SpdmRequesterException e = assertThrows(SpdmRequesterException.class, o.session()::heartbeat);
        assertEndedOnBothSidesByDecryptError(o, e);
    }

    @Test
    void alteredFinishRecordOfAnEncryptedHandshakeIsDecryptErrorInTheClearAndEndsTheHandshake() throws Exception {
        ResponderFixture f = ResponderFixture.create(ResponderFixture.responderConfig()
                .capabilityFlags(ResponderConfig.DEFAULT_FLAGS
                        & ~CapabilityFlags.HANDSHAKE_IN_THE_CLEAR_CAP).build());
        f.requester.connect();
        f.requester.getDigests();
        f.requester.getCertificate(0);
        f.transport.alter(securedRecord(), flip(-1, 0));
        SpdmRequesterException e = assertThrows(SpdmRequesterException.class, () -> f.requester.openSession(0, 0));
        SpdmPacket answer = lastResponse(f);
        assertAll(() -> assertEquals("FINISH", e.step()),
                () -> assertFalse(answer.secured(), "DecryptError travels in the clear"),
                () -> assertError(SpdmErrorCode.DECRYPT_ERROR, answer.bytes()),
                () -> assertEquals(SpdmErrorCode.DECRYPT_ERROR.value(), e.error().orElseThrow().errorCode()),
                () -> assertTrue(f.responder.sessionIds().isEmpty(), "the handshaking session is gone"),
                () -> assertTrue(f.requester.sessions().isEmpty()));
    }

    @ParameterizedTest(name = "session id bit {0}")
    @ValueSource(ints = {0, 15, 16, 31})
    void recordWithAnotherSessionIdIsInvalidSessionAndTheRealSessionGoesOn(int bit) throws Exception {
        Open o = open(SecuredMessageBinding.PCI_DOE);
        SessionId real = o.session().id();
        o.f().transport.beforeDerived(securedRecord(), p -> List.of(flip(bit / 8, bit % 8).apply(p)));
        assertDoesNotThrow(o.session()::heartbeat, "the genuine record that follows still opens");
        InterceptingTransport.Probe probe = o.f().transport.probes().get(0);
        assertAll(() -> assertFalse(probe.response().secured(), "InvalidSession travels in the clear"),
                () -> assertError(SpdmErrorCode.INVALID_SESSION, probe.response().bytes()),
                () -> assertEquals(List.of(real), probe.sessionsAfter()),
                () -> assertEquals(SecuredSession.Phase.ESTABLISHED, o.f().responder.sessionPhase(real)));
        assertDoesNotThrow(o.session()::heartbeat);
        o.session().close();
    }

    @Test
    void replayedRecordOnPciDoeIsDecryptErrorAndEndsTheSession() throws Exception {
        Open o = open(SecuredMessageBinding.PCI_DOE);
        SessionId id = o.session().id();
        o.f().transport.afterDerived(securedRecord(), List::of);
        assertDoesNotThrow(o.session()::heartbeat, "the original is answered");
        InterceptingTransport.Probe replay = o.f().transport.probes().get(0);
        assertAll(() -> assertFalse(replay.response().secured()),
                () -> assertError(SpdmErrorCode.DECRYPT_ERROR, replay.response().bytes()),
                () -> assertTrue(replay.sessionsBefore().contains(id)),
                () -> assertFalse(replay.sessionsAfter().contains(id), "the replay ended the session"));
        SpdmRequesterException e = assertThrows(SpdmRequesterException.class, o.session()::heartbeat);
        assertEquals(SpdmErrorCode.INVALID_SESSION.value(), e.error().orElseThrow().errorCode());
    }

    @Test
    void replayedRecordOnMctpIsRejectedAndEndsTheSession() throws Exception {
        Open o = open(SecuredMessageBinding.MCTP);
        SessionId id = o.session().id();
        o.f().transport.afterDerived(securedRecord(), List::of);
        assertDoesNotThrow(o.session()::heartbeat);
        InterceptingTransport.Probe replay = o.f().transport.probes().get(0);
        assertAll(() -> assertFalse(replay.response().secured()),
                () -> assertError(SpdmErrorCode.DECRYPT_ERROR, replay.response().bytes()),
                () -> assertFalse(replay.sessionsAfter().contains(id)));
    }

    @Test
    void mctpRecordWithAnAlteredSequenceNumberIsDecryptErrorAndEndsTheSession() throws Exception {
        Open o = open(SecuredMessageBinding.MCTP);
        o.f().transport.alter(securedRecord(), flip(4, 0));
        SpdmRequesterException e = assertThrows(SpdmRequesterException.class, o.session()::heartbeat);
        assertEndedOnBothSidesByDecryptError(o, e);
    }
}
