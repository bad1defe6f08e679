package io.teeio.spdm.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.spdm.crypto.AeadAlgo;
import io.teeio.spdm.crypto.JcaSpdmCrypto;
import io.teeio.spdm.crypto.SecretBytes;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DirectionKeysTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void nonceIsTheSaltWithTheLittleEndianSequenceNumberXoredIntoItsFirstEightBytes() {
        DirectionKeys keys = new DirectionKeys(AeadAlgo.AES_128_GCM, SecretBytes.wrap(new byte[16]),
                SecretBytes.wrap(HEX.parseHex("ff00ff00ff00ff00a1b2c3d4")), DirectionKeys.DEFAULT_MAX_SEQUENCE_NUMBER);
        assertEquals("f707f905fb03fd01a1b2c3d4", HEX.formatHex(keys.nonce(0x0102030405060708L)));
    }

    @Test
    void nonceOfSequenceZeroIsTheSalt() {
        byte[] salt = TestKeys.pattern(3, 12);
        DirectionKeys keys = new DirectionKeys(AeadAlgo.AES_128_GCM, SecretBytes.wrap(new byte[16]),
                SecretBytes.copyOf(salt), DirectionKeys.DEFAULT_MAX_SEQUENCE_NUMBER);
        assertArrayEquals(salt, keys.nonce(0));
    }

    @Test
    void destroyLeavesOnlyZerosInKeyAndSalt() {
        byte[] key = TestKeys.pattern(1, 32);
        byte[] salt = TestKeys.pattern(2, 12);
        DirectionKeys keys = new DirectionKeys(AeadAlgo.AES_256_GCM, SecretBytes.wrap(key), SecretBytes.wrap(salt),
                DirectionKeys.DEFAULT_MAX_SEQUENCE_NUMBER);
        keys.destroy();
        assertArrayEquals(new byte[32], key);
        assertArrayEquals(new byte[12], salt);
        assertTrue(keys.isDestroyed());
    }

    @Test
    void destroyedKeysCannotSeal() {
        DirectionKeys keys = TestKeys.of(AeadAlgo.AES_256_GCM, 1);
        keys.destroy();
        SecuredMessageCodec codec = new SecuredMessageCodec(new JcaSpdmCrypto(JcaSpdmCrypto.seededRandom(1)),
                SecuredMessageFormat.PCI_DOE, SessionType.ENC_MAC);
        assertThrows(IllegalStateException.class,
                () -> codec.encode(new SessionId(1, 1), keys, new byte[4], new SplittableRandom(1)));
    }

    @Test
    void toStringShowsNeitherKeyNorSalt() {
        byte[] key = TestKeys.pattern(1, 32);
        byte[] salt = TestKeys.pattern(2, 12);
        String text = new DirectionKeys(AeadAlgo.AES_256_GCM, SecretBytes.copyOf(key), SecretBytes.copyOf(salt),
                DirectionKeys.DEFAULT_MAX_SEQUENCE_NUMBER).toString();
        assertFalse(text.contains(HEX.formatHex(key, 0, 4)), text);
        assertFalse(text.contains(HEX.formatHex(salt, 0, 4)), text);
    }

    @Test
    void keyOfTheWrongSizeForTheAeadIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new DirectionKeys(AeadAlgo.AES_256_GCM,
                SecretBytes.wrap(new byte[16]), SecretBytes.wrap(new byte[12]), 10));
    }

    @Test
    void saltOtherThanTwelveBytesIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new DirectionKeys(AeadAlgo.AES_128_GCM,
                SecretBytes.wrap(new byte[16]), SecretBytes.wrap(new byte[8]), 10));
    }

    @Test
    void defaultMaximumIsAllOnesUnsigned() {
        assertEquals("18446744073709551615", Long.toUnsignedString(DirectionKeys.DEFAULT_MAX_SEQUENCE_NUMBER));
    }
}
