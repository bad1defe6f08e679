package io.teeio.spdm.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AeadTest {
    private final SpdmCrypto crypto = new JcaSpdmCrypto(JcaSpdmCrypto.seededRandom(2));
    private final byte[] iv = HexFormat.of().parseHex("000102030405060708090a0b");
    private final byte[] aad = "header".getBytes(StandardCharsets.US_ASCII);
    private final byte[] plaintext = "an SPDM message".getBytes(StandardCharsets.US_ASCII);

    private byte[] key(AeadAlgo algo) {
        return crypto.randomBytes(algo.keySize());
    }

    @ParameterizedTest
    @EnumSource(AeadAlgo.class)
    void sealedOutputIsCiphertextOfPlaintextLengthPlusTag(AeadAlgo algo) {
        assertEquals(plaintext.length + SpdmCrypto.AEAD_TAG_SIZE,
                crypto.aeadSeal(algo, key(algo), iv, aad, plaintext).length);
    }

    @ParameterizedTest
    @EnumSource(AeadAlgo.class)
    void openReturnsWhatWasSealed(AeadAlgo algo) throws Exception {
        byte[] k = key(algo);
        byte[] sealed = crypto.aeadSeal(algo, k, iv, aad, plaintext);
        assertArrayEquals(plaintext, crypto.aeadOpen(algo, k, iv, aad, sealed));
    }

    @ParameterizedTest
    @EnumSource(AeadAlgo.class)
    void flippedCiphertextBitFailsAuthentication(AeadAlgo algo) {
        byte[] k = key(algo);
        byte[] sealed = crypto.aeadSeal(algo, k, iv, aad, plaintext);
        sealed[3] ^= 0x10;
        assertThrows(AeadAuthenticationException.class, () -> crypto.aeadOpen(algo, k, iv, aad, sealed));
    }

    @ParameterizedTest
    @EnumSource(AeadAlgo.class)
    void flippedTagBitFailsAuthentication(AeadAlgo algo) {
        byte[] k = key(algo);
        byte[] sealed = crypto.aeadSeal(algo, k, iv, aad, plaintext);
        sealed[sealed.length - 1] ^= 0x01;
        assertThrows(AeadAuthenticationException.class, () -> crypto.aeadOpen(algo, k, iv, aad, sealed));
    }

    @ParameterizedTest
    @EnumSource(AeadAlgo.class)
    void differentAadFailsAuthentication(AeadAlgo algo) {
        byte[] k = key(algo);
        byte[] sealed = crypto.aeadSeal(algo, k, iv, aad, plaintext);
        assertThrows(AeadAuthenticationException.class,
                () -> crypto.aeadOpen(algo, k, iv, "other!".getBytes(StandardCharsets.US_ASCII), sealed));
    }

    @ParameterizedTest
    @EnumSource(AeadAlgo.class)
    void inputShorterThanATagIsAnAuthenticationFailure(AeadAlgo algo) {
        assertThrows(AeadAuthenticationException.class,
                () -> crypto.aeadOpen(algo, key(algo), iv, aad, new byte[SpdmCrypto.AEAD_TAG_SIZE - 1]));
    }

    @ParameterizedTest
    @EnumSource(AeadAlgo.class)
    void emptyPlaintextGivesABareTagThatAuthenticatesTheAad(AeadAlgo algo) throws Exception {
        byte[] k = key(algo);
        byte[] tag = crypto.aeadSeal(algo, k, iv, aad, new byte[0]);
        assertEquals(0, crypto.aeadOpen(algo, k, iv, aad, tag).length);
    }

    @ParameterizedTest
    @EnumSource(AeadAlgo.class)
    void keyOfTheWrongSizeIsRejected(AeadAlgo algo) {
        assertThrows(IllegalArgumentException.class,
                () -> crypto.aeadSeal(algo, new byte[algo.keySize() - 1], iv, aad, plaintext));
    }

    @Test
    void ivOtherThanTwelveBytesIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> crypto.aeadSeal(AeadAlgo.AES_256_GCM, new byte[32], new byte[16], aad, plaintext));
    }

    @Test
    void chacha20Poly1305MatchesRfc8439Section282() throws Exception {
        HexFormat h = HexFormat.of();
        byte[] key = h.parseHex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
        byte[] nonce = h.parseHex("070000004041424344454647");
        byte[] aad8439 = h.parseHex("50515253c0c1c2c3c4c5c6c7");
        byte[] text = ("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future,"
                + " sunscreen would be it.").getBytes(StandardCharsets.US_ASCII);
        String expected = "d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6"
                + "3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36"
                + "92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc"
                + "3ff4def08e4b7a9de576d26586cec64b6116"
                + "1ae10b594f09e26a7e902ecbd0600691";
        assertEquals(expected, h.formatHex(crypto.aeadSeal(AeadAlgo.CHACHA20_POLY1305, key, nonce, aad8439, text)));
    }
}
