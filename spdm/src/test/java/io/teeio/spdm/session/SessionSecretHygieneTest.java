package io.teeio.spdm.session;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.spdm.crypto.AeadAlgo;
import io.teeio.spdm.crypto.BaseHashAlgo;
import io.teeio.spdm.crypto.JcaSpdmCrypto;
import io.teeio.spdm.crypto.SecretBytes;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Session secret holders never print key material and erase everything they hold. */
class SessionSecretHygieneTest {
    private final SpdmKeySchedule schedule = new SpdmKeySchedule(new JcaSpdmCrypto(JcaSpdmCrypto.seededRandom(19)),
            BaseHashAlgo.TPM_ALG_SHA_256, AeadAlgo.AES_128_GCM, 1, 2);
    private final HandshakeSecrets handshake = schedule.deriveHandshakeSecrets(
            SecretBytes.copyOf(TestKeys.pattern(1, 32)), TestKeys.pattern(2, 32));
    private final DataSecrets data = schedule.deriveDataSecrets(handshake, TestKeys.pattern(3, 32));

    private List<SecretBytes> allSecrets() {
        List<SecretBytes> all = new ArrayList<>(List.of(handshake.handshakeSecret(),
                handshake.requestHandshakeSecret(), handshake.responseHandshakeSecret(),
                handshake.requestFinishedKey(), handshake.responseFinishedKey(),
                handshake.requestKeys().key(), handshake.requestKeys().ivSalt(),
                handshake.responseKeys().key(), handshake.responseKeys().ivSalt(),
                data.exportMasterSecret(), data.request().secret(), data.response().secret(),
                data.request().current().key(), data.request().current().ivSalt(),
                data.response().current().key(), data.response().current().ivSalt()));
        return all;
    }

    @Test
    void noSecretHolderPrintsAnyKeyBytes() {
        String printed = String.join("|", handshake.toString(), data.toString(), data.request().toString(),
                handshake.requestKeys().toString(), schedule.toString());
        for (SecretBytes s : allSecrets()) {
            String hex = HexFormat.of().formatHex(s.copy());
            assertFalse(printed.contains(hex.substring(0, 8)), "printed " + printed);
            assertFalse(printed.toUpperCase().contains(hex.substring(0, 8).toUpperCase()), "printed " + printed);
        }
    }

    @Test
    void destroyingHandshakeAndDataSecretsErasesEverySecret() {
        List<SecretBytes> all = allSecrets();
        handshake.destroy();
        data.destroy();
        for (SecretBytes s : all) {
            assertTrue(s.isDestroyed(), s.toString());
            assertThrows(IllegalStateException.class, s::copy);
        }
    }

    @Test
    void destroyingDataSecretsWithAPendingUpdateErasesTheBackupsToo() {
        data.updateAllKeys();
        DirectionKeys requestBackup = data.request().backup().orElseThrow();
        DirectionKeys responseBackup = data.response().backup().orElseThrow();
        data.destroy();
        assertTrue(requestBackup.isDestroyed());
        assertTrue(responseBackup.isDestroyed());
    }
}
