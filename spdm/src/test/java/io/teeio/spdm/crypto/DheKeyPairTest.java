package io.teeio.spdm.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DheKeyPairTest {
    private final SpdmCrypto crypto = new JcaSpdmCrypto(JcaSpdmCrypto.seededRandom(3));

    @ParameterizedTest
    @EnumSource(DheGroup.class)
    void publicValueIsXAndYOfDBytesTogether(DheGroup group) {
        try (DheKeyPair kp = crypto.generateDheKeyPair(group)) {
            assertEquals(group.publicKeySize(), kp.publicValue().length);
        }
    }

    @ParameterizedTest
    @EnumSource(DheGroup.class)
    void twoKeyPairsAgreeOnOneSecretOfCoordinateSize(DheGroup group) throws Exception {
        try (DheKeyPair a = crypto.generateDheKeyPair(group); DheKeyPair b = crypto.generateDheKeyPair(group)) {
            SecretBytes ab = a.agree(b.publicValue());
            SecretBytes ba = b.agree(a.publicValue());
            assertEquals(group.publicKeySize() / 2, ab.length());
            assertTrue(ab.contentEquals(ba.copy()));
        }
    }

    @ParameterizedTest
    @EnumSource(DheGroup.class)
    void peerValueOfTheWrongLengthIsRejected(DheGroup group) {
        try (DheKeyPair a = crypto.generateDheKeyPair(group); DheKeyPair b = crypto.generateDheKeyPair(group)) {
            byte[] withPrefix = new byte[group.publicKeySize() + 1];
            withPrefix[0] = 0x04;
            System.arraycopy(b.publicValue(), 0, withPrefix, 1, group.publicKeySize());
            DhePublicValueException e = assertThrows(DhePublicValueException.class, () -> a.agree(withPrefix));
            assertTrue(e.getMessage().contains(String.valueOf(group.publicKeySize())), e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(DheGroup.class)
    void pointOffTheCurveIsRejected(DheGroup group) {
        try (DheKeyPair a = crypto.generateDheKeyPair(group); DheKeyPair b = crypto.generateDheKeyPair(group)) {
            byte[] v = b.publicValue();
            v[v.length - 1] ^= 0x01;
            DhePublicValueException e = assertThrows(DhePublicValueException.class, () -> a.agree(v));
            assertTrue(e.getMessage().contains("not a point on the curve"), e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(DheGroup.class)
    void allZeroValueIsRejected(DheGroup group) {
        try (DheKeyPair a = crypto.generateDheKeyPair(group)) {
            assertThrows(DhePublicValueException.class, () -> a.agree(new byte[group.publicKeySize()]));
        }
    }

    @ParameterizedTest
    @EnumSource(DheGroup.class)
    void coordinateNotBelowTheFieldPrimeIsRejected(DheGroup group) {
        try (DheKeyPair a = crypto.generateDheKeyPair(group)) {
            byte[] v = new byte[group.publicKeySize()];
            Arrays.fill(v, (byte) 0xFF);
            DhePublicValueException e = assertThrows(DhePublicValueException.class, () -> a.agree(v));
            assertTrue(e.getMessage().contains("field prime"), e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(DheGroup.class)
    void destroyedKeyPairRefusesToAgree(DheGroup group) {
        DheKeyPair a = crypto.generateDheKeyPair(group);
        byte[] peer = crypto.generateDheKeyPair(group).publicValue();
        assertFalse(a.isDestroyed());
        a.destroy();
        assertTrue(a.isDestroyed());
        assertThrows(IllegalStateException.class, () -> a.agree(peer));
    }

    @ParameterizedTest
    @EnumSource(DheGroup.class)
    void publicValueIsACopy(DheGroup group) {
        try (DheKeyPair a = crypto.generateDheKeyPair(group)) {
            byte[] v = a.publicValue();
            v[0] ^= 0x55;
            assertFalse(Arrays.equals(v, a.publicValue()));
        }
    }

    @ParameterizedTest
    @EnumSource(DheGroup.class)
    void agreeingTwiceGivesTheSameSecret(DheGroup group) throws Exception {
        try (DheKeyPair a = crypto.generateDheKeyPair(group); DheKeyPair b = crypto.generateDheKeyPair(group)) {
            assertArrayEquals(a.agree(b.publicValue()).copy(), a.agree(b.publicValue()).copy());
        }
    }
}
