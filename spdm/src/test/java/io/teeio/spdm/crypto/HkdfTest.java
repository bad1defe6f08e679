package io.teeio.spdm.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** HKDF against RFC 5869 Appendix A, test cases 1-3 (SHA-256). */
class HkdfTest {
    private final SpdmCrypto crypto = new JcaSpdmCrypto(JcaSpdmCrypto.seededRandom(1));

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    private static byte[] run(int from, int count) {
        byte[] b = new byte[count];
        for (int i = 0; i < count; i++) {
            b[i] = (byte) (from + i);
        }
        return b;
    }

    private static byte[] repeat(int value, int count) {
        byte[] b = new byte[count];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }

    static Stream<Arguments> rfc5869() {
        return Stream.of(
                Arguments.of("A.1 basic", repeat(0x0b, 22), run(0x00, 13), run(0xf0, 10), 42,
                        "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5",
                        "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"),
                Arguments.of("A.2 long inputs", run(0x00, 80), run(0x60, 80), run(0xb0, 80), 82,
                        "06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244",
                        "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
                                + "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
                                + "cc30c58179ec3e87c14c01d5c1f3434f1d87"),
                Arguments.of("A.3 empty salt and info", repeat(0x0b, 22), new byte[0], new byte[0], 42,
                        "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04",
                        "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rfc5869")
    void extractGivesTheRfcPrk(String name, byte[] ikm, byte[] salt, byte[] info, int length, String prk, String okm) {
        assertArrayEquals(hex(prk), crypto.hkdfExtract(BaseHashAlgo.TPM_ALG_SHA_256, salt, ikm));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rfc5869")
    void expandGivesTheRfcOkm(String name, byte[] ikm, byte[] salt, byte[] info, int length, String prk, String okm) {
        assertArrayEquals(hex(okm), crypto.hkdfExpand(BaseHashAlgo.TPM_ALG_SHA_256, hex(prk), info, length));
    }

    @Test
    void expandRefusesMoreThan255Blocks() {
        assertThrows(IllegalArgumentException.class,
                () -> crypto.hkdfExpand(BaseHashAlgo.TPM_ALG_SHA_256, new byte[32], new byte[0], 255 * 32 + 1));
    }
}
