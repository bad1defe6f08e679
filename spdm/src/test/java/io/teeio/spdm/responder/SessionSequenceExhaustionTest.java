package io.teeio.spdm.responder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.spdm.crypto.AeadAlgo;
import io.teeio.spdm.crypto.BaseHashAlgo;
import io.teeio.spdm.crypto.SecretBytes;
import io.teeio.spdm.crypto.SpdmCrypto;
import io.teeio.spdm.requester.TestPeers;
import io.teeio.spdm.session.HandshakeSecrets;
import io.teeio.spdm.session.SecuredMessageCodec;
import io.teeio.spdm.session.SecuredMessageException;
import io.teeio.spdm.session.SecuredSession;
import io.teeio.spdm.session.SessionId;
import io.teeio.spdm.session.SessionType;
import io.teeio.spdm.session.SpdmKeySchedule;
import io.teeio.spdm.transport.SecuredMessageBinding;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Sequence-number exhaustion (PROTOCOLS.md §3.3: no record is sent or accepted once a direction's counter
 * reaches its maximum), at the level of one session's channels: the engines' limit is 2^64-1 and no
 * configuration lowers it, so a small maximum is given to the key schedule directly.
 */
class SessionSequenceExhaustionTest {
    private static final BaseHashAlgo HASH = BaseHashAlgo.TPM_ALG_SHA_256;
    private static final SessionId ID = new SessionId(0xFFFF, 0xFFFF);
    private final SpdmCrypto crypto = TestPeers.crypto(31);
    private final byte[] th1 = crypto.hash(HASH, new byte[] {1});
    private final byte[] th2 = crypto.hash(HASH, new byte[] {2});
    private final byte[] dhe = crypto.hash(HASH, new byte[] {3});

    /** One side of an established session whose keys protect {@code max} records per direction. */
    private SecuredSession side(SecuredSession.Role role, long max) {
        SpdmKeySchedule schedule = new SpdmKeySchedule(crypto, HASH, AeadAlgo.AES_256_GCM, 1, 2, max);
        HandshakeSecrets hs = schedule.deriveHandshakeSecrets(SecretBytes.copyOf(dhe), th1);
        SecuredSession s = new SecuredSession(role, ID, schedule, new SecuredMessageCodec(crypto,
                SecuredMessageBinding.PCI_DOE.format(), SessionType.ENC_MAC), new Random(7), hs);
        s.establish(schedule.deriveDataSecrets(hs, th2));
        return s;
    }

    @Test
    void senderRefusesTheRecordAfterItsMaximumWithAReasonThatEndsTheSession() throws Exception {
        SecuredSession requester = side(SecuredSession.Role.REQUESTER, 3);
        SecuredSession responder = side(SecuredSession.Role.RESPONDER, 3);
        for (int i = 0; i < 3; i++) {
            byte[] message = {0x12, (byte) 0xE8, 0, (byte) i};
            assertArrayEquals(message, responder.open(requester.seal(message)).applicationData().toByteArray());
        }
        SecuredMessageException e = assertThrows(SecuredMessageException.class,
                () -> requester.seal(new byte[] {0x12, (byte) 0xE8, 0, 0}));
        assertEquals(SecuredMessageException.Reason.SEQUENCE_EXHAUSTED, e.reason());
        assertTrue(e.reason().endsSession());
    }

    @Test
    void receiverRefusesARecordPastItsMaximumWithAReasonThatEndsTheSession() throws Exception {
        SecuredSession requester = side(SecuredSession.Role.REQUESTER, 10);
        SecuredSession responder = side(SecuredSession.Role.RESPONDER, 2);
        responder.open(requester.seal(new byte[] {1}));
        responder.open(requester.seal(new byte[] {2}));
        byte[] third = requester.seal(new byte[] {3});
        SecuredMessageException e = assertThrows(SecuredMessageException.class, () -> responder.open(third));
        assertEquals(SecuredMessageException.Reason.SEQUENCE_EXHAUSTED, e.reason());
        assertTrue(e.reason().endsSession());
    }

    @Test
    void exhaustedResponseDirectionRefusesToSealTheAnswer() throws Exception {
        SecuredSession requester = side(SecuredSession.Role.REQUESTER, 10);
        SecuredSession responder = side(SecuredSession.Role.RESPONDER, 1);
        requester.open(responder.seal(new byte[] {1}));
        SecuredMessageException e = assertThrows(SecuredMessageException.class,
                () -> responder.seal(new byte[] {2}));
        assertEquals(SecuredMessageException.Reason.SEQUENCE_EXHAUSTED, e.reason());
    }
}
