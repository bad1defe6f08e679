package io.teeio.spdm.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.teeio.spdm.crypto.AeadAlgo;
import io.teeio.spdm.crypto.BaseHashAlgo;
import io.teeio.spdm.crypto.JcaSpdmCrypto;
import io.teeio.spdm.crypto.SecretBytes;
import io.teeio.spdm.crypto.SpdmCrypto;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** BinConcat bytes from PROTOCOLS.md 2.1 and the derivations not covered by the libspdm captures. */
class SpdmKeyScheduleTest {
    private static final SpdmCrypto CRYPTO = new JcaSpdmCrypto(JcaSpdmCrypto.seededRandom(13));
    private static final HexFormat HEX = HexFormat.of();

    private final SpdmKeySchedule sha384 =
            new SpdmKeySchedule(CRYPTO, BaseHashAlgo.TPM_ALG_SHA_384, AeadAlgo.AES_256_GCM, 1, 2);

    private static String hex(String spaced) {
        return spaced.replace(" ", "");
    }

    @Test
    void binConcatForAnAes256Key() {
        assertEquals(hex("20 00 73 70 64 6d 31 2e 32 20 6b 65 79"), HEX.formatHex(sha384.binConcat(32, "key", null)));
    }

    @Test
    void binConcatForAnIv() {
        assertEquals(hex("0c 00 73 70 64 6d 31 2e 32 20 69 76"), HEX.formatHex(sha384.binConcat(12, "iv", null)));
    }

    @Test
    void binConcatForASha384FinishedKey() {
        assertEquals(hex("30 00 73 70 64 6d 31 2e 32 20 66 69 6e 69 73 68 65 64"),
                HEX.formatHex(sha384.binConcat(48, "finished", null)));
    }

    @Test
    void binConcatForDerivedHasNoContext() {
        assertEquals(hex("30 00 73 70 64 6d 31 2e 32 20 64 65 72 69 76 65 64"),
                HEX.formatHex(sha384.binConcat(48, "derived", new byte[0])));
    }

    @Test
    void binConcatForRequestHandshakeDataEndsWithTheTh1Hash() {
        byte[] th1 = TestKeys.pattern(9, 48);
        assertEquals(hex("30 00 73 70 64 6d 31 2e 32 20 72 65 71 20 68 73 20 64 61 74 61") + HEX.formatHex(th1),
                HEX.formatHex(sha384.binConcat(48, "req hs data", th1)));
    }

    @Test
    void binConcatVersionStringFollowsTheNegotiatedVersion() {
        SpdmKeySchedule v13 = new SpdmKeySchedule(CRYPTO, BaseHashAlgo.TPM_ALG_SHA_256, AeadAlgo.AES_128_GCM, 1, 3);
        assertEquals(hex("10 00 73 70 64 6d 31 2e 33 20 6b 65 79"), HEX.formatHex(v13.binConcat(16, "key", null)));
    }

    @Test
    void nextDataSecretIsTheTrafficUpdExpansion() {
        byte[] current = TestKeys.pattern(4, 48);
        byte[] info = HEX.parseHex(hex("30 00 73 70 64 6d 31 2e 32 20 74 72 61 66 66 69 63 20 75 70 64"));
        byte[] expected = CRYPTO.hkdfExpand(BaseHashAlgo.TPM_ALG_SHA_384, current, info, 48);
        assertArrayEquals(expected, sha384.nextDataSecret(SecretBytes.copyOf(current)).copy());
    }

    @Test
    void directionKeysAreTheKeyAndIvExpansionsStartingAtSequenceZero() {
        byte[] secret = TestKeys.pattern(5, 48);
        DirectionKeys keys = sha384.directionKeys(SecretBytes.copyOf(secret));
        assertArrayEquals(CRYPTO.hkdfExpand(BaseHashAlgo.TPM_ALG_SHA_384, secret,
                HEX.parseHex(hex("20 00 73 70 64 6d 31 2e 32 20 6b 65 79")), 32), keys.key().copy());
        assertArrayEquals(CRYPTO.hkdfExpand(BaseHashAlgo.TPM_ALG_SHA_384, secret,
                HEX.parseHex(hex("0c 00 73 70 64 6d 31 2e 32 20 69 76")), 12), keys.ivSalt().copy());
        assertEquals(0, keys.sequenceNumber());
    }

    @Test
    void directionKeysCarryTheConfiguredMaximumSequenceNumber() {
        SpdmKeySchedule limited = new SpdmKeySchedule(CRYPTO, BaseHashAlgo.TPM_ALG_SHA_256, AeadAlgo.AES_128_GCM,
                1, 2, 1000);
        assertEquals(1000, limited.directionKeys(SecretBytes.copyOf(new byte[32])).maxSequenceNumber());
    }

    @Test
    void transcriptHashOfTheWrongSizeIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> sha384.deriveHandshakeSecrets(SecretBytes.copyOf(new byte[48]), new byte[32]));
    }

    @Test
    void versionDigitsOutsideZeroToNineAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> new SpdmKeySchedule(CRYPTO, BaseHashAlgo.TPM_ALG_SHA_256, AeadAlgo.AES_128_GCM, 1, 10));
    }

    @Test
    void derivingHandshakeSecretsLeavesTheDheSecretToTheCaller() {
        SecretBytes dhe = SecretBytes.copyOf(TestKeys.pattern(1, 48));
        sha384.deriveHandshakeSecrets(dhe, TestKeys.pattern(2, 48));
        assertEquals(48, dhe.copy().length);
    }
}
