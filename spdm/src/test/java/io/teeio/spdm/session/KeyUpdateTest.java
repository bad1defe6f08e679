package io.teeio.spdm.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.spdm.crypto.AeadAlgo;
import io.teeio.spdm.crypto.BaseHashAlgo;
import io.teeio.spdm.crypto.JcaSpdmCrypto;
import io.teeio.spdm.crypto.SecretBytes;
import io.teeio.spdm.crypto.SpdmCrypto;
import io.teeio.spdm.session.SecuredMessageException.Reason;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * KEY_UPDATE driven as PROTOCOLS.md 1.12 describes libspdm doing it, with a requester and a responder
 * that derived the same data secrets.
 */
class KeyUpdateTest {
    private static final SpdmCrypto CRYPTO = new JcaSpdmCrypto(JcaSpdmCrypto.seededRandom(17));
    private static final SessionId ID = new SessionId(0xFFFF, 0xFFFF);
    private static final byte[] KEY_UPDATE = {0x12, (byte) 0xE9, 0x01, 0x07};
    private static final byte[] KEY_UPDATE_ACK = {0x12, 0x69, 0x01, 0x07};

    private final SpdmKeySchedule schedule =
            new SpdmKeySchedule(CRYPTO, BaseHashAlgo.TPM_ALG_SHA_384, AeadAlgo.AES_256_GCM, 1, 2);
    private final SecuredMessageCodec codec =
            new SecuredMessageCodec(CRYPTO, SecuredMessageFormat.PCI_DOE, SessionType.ENC_MAC);
    private final SplittableRandom random = new SplittableRandom(3);
    private final DataSecrets requester = derive();
    private final DataSecrets responder = derive();

    private DataSecrets derive() {
        HandshakeSecrets hs = schedule.deriveHandshakeSecrets(SecretBytes.copyOf(TestKeys.pattern(1, 48)),
                TestKeys.pattern(2, 48));
        DataSecrets data = schedule.deriveDataSecrets(hs, TestKeys.pattern(3, 48));
        hs.destroy();
        return data;
    }

    private byte[] send(DirectionKeys keys, byte[] message) throws SecuredMessageException {
        return codec.encode(ID, keys, message, random);
    }

    private byte[] receive(DirectionKeys keys, byte[] record) throws SecuredMessageException {
        return codec.decode(ID, keys, record).applicationData().toByteArray();
    }

    @Test
    void updateKeyThenVerifyNewKeyMovesTheRequestDirectionOnly() throws Exception {
        String oldResponse = HexFormat.of().formatHex(responder.response().secret().copy());
        receive(responder.request().current(), send(requester.request().current(), KEY_UPDATE));
        responder.updateKey();
        receive(requester.response().current(), send(responder.response().current(), KEY_UPDATE_ACK));
        requester.request().update();

        byte[] verify = send(requester.request().current(), KEY_UPDATE);
        assertEquals(0, responder.request().current().sequenceNumber(), "new key starts at sequence number 0");
        assertArrayEquals(KEY_UPDATE, receive(responder.request().current(), verify));
        responder.verifyNewKey();
        requester.verifyNewKey();

        assertFalse(responder.keyUpdatePending());
        assertEquals(oldResponse, HexFormat.of().formatHex(responder.response().secret().copy()));
        assertArrayEquals(requester.request().secret().copy(), responder.request().secret().copy());
    }

    @Test
    void updateAllKeysCommitsTheResponseKeyBeforeTheAckAndTheRequestKeyOnVerify() throws Exception {
        requester.response().update();
        receive(responder.request().current(), send(requester.request().current(), KEY_UPDATE));
        responder.updateAllKeys();
        responder.response().commit();
        byte[] ack = send(responder.response().current(), KEY_UPDATE_ACK);
        assertArrayEquals(KEY_UPDATE_ACK, receive(requester.response().current(), ack),
                "the ACK travels under the new response key");
        requester.request().update();

        receive(responder.request().current(), send(requester.request().current(), KEY_UPDATE));
        responder.verifyNewKey();
        requester.verifyNewKey();

        assertFalse(requester.keyUpdatePending());
        assertFalse(responder.keyUpdatePending());
        assertArrayEquals(requester.response().secret().copy(), responder.response().secret().copy());
        assertArrayEquals(requester.request().secret().copy(), responder.request().secret().copy());
    }

    @Test
    void recordUnderTheOldKeyOpensWithTheBackupWhileTheUpdateIsPending() throws Exception {
        byte[] old = send(requester.request().current(), KEY_UPDATE);
        responder.updateKey();
        assertEquals(Reason.AUTHENTICATION_FAILED, assertThrows(SecuredMessageException.class,
                () -> receive(responder.request().current(), old)).reason());
        assertArrayEquals(KEY_UPDATE, receive(responder.request().backup().orElseThrow(), old));
    }

    @Test
    void updatedKeysDifferFromTheOldAndStartAtSequenceZero() throws Exception {
        DirectionKeys before = responder.request().current();
        receive(before, send(requester.request().current(), KEY_UPDATE));
        byte[] oldKey = before.key().copy();
        responder.updateKey();
        assertNotEquals(HexFormat.of().formatHex(oldKey),
                HexFormat.of().formatHex(responder.request().current().key().copy()));
        assertEquals(0, responder.request().current().sequenceNumber());
        assertEquals(1, responder.request().backup().orElseThrow().sequenceNumber());
    }

    @Test
    void verifyNewKeyErasesTheBackup() {
        responder.updateKey();
        DirectionKeys backup = responder.request().backup().orElseThrow();
        responder.verifyNewKey();
        assertTrue(backup.isDestroyed());
        assertTrue(responder.request().backup().isEmpty());
    }

    @Test
    void revertRestoresTheOldKeysAndErasesTheNewOnes() {
        String old = HexFormat.of().formatHex(responder.request().secret().copy());
        responder.updateAllKeys();
        DirectionKeys fresh = responder.request().current();
        responder.revertKeyUpdate();
        assertTrue(fresh.isDestroyed());
        assertEquals(old, HexFormat.of().formatHex(responder.request().secret().copy()));
        assertFalse(responder.keyUpdatePending());
    }

    @Test
    void secondUpdateBeforeVerifyNewKeyIsRefused() {
        responder.updateKey();
        assertThrows(IllegalStateException.class, responder::updateAllKeys);
    }

    @Test
    void verifyNewKeyWithoutAPendingUpdateIsRefused() {
        assertThrows(IllegalStateException.class, responder::verifyNewKey);
    }

    @Test
    void directionUpdatesAreChainedTrafficUpdExpansions() {
        byte[] before = responder.response().secret().copy();
        responder.response().update();
        assertArrayEquals(schedule.nextDataSecret(SecretBytes.copyOf(before)).copy(),
                responder.response().secret().copy());
    }
}
