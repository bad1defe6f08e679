package io.teeio.spdm.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.spdm.crypto.AeadAlgo;
import io.teeio.spdm.crypto.JcaSpdmCrypto;
import io.teeio.spdm.crypto.SpdmCrypto;
import io.teeio.spdm.session.SecuredMessageException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class SecuredMessageCodecTest {
    private static final SpdmCrypto CRYPTO = new JcaSpdmCrypto(JcaSpdmCrypto.seededRandom(11));
    private static final SessionId ID = new SessionId(0xFFFE, 0x1234);
    private static final byte[] MESSAGE = {0x12, (byte) 0xEC, 0x01, 0x00};

    private final RandomGenerator random = new SplittableRandom(5);
    private final SecuredMessageCodec doe =
            new SecuredMessageCodec(CRYPTO, SecuredMessageFormat.PCI_DOE, SessionType.ENC_MAC);
    private final SecuredMessageCodec mctp =
            new SecuredMessageCodec(CRYPTO, SecuredMessageFormat.MCTP, SessionType.ENC_MAC);
    private final SecuredMessageCodec macOnly =
            new SecuredMessageCodec(CRYPTO, SecuredMessageFormat.PCI_DOE, SessionType.MAC_ONLY);

    static Stream<Arguments> everyCombination() {
        return Stream.of(AeadAlgo.values()).flatMap(a -> Stream.of(SessionType.values()).flatMap(t ->
                Stream.of(SecuredMessageFormat.PCI_DOE, SecuredMessageFormat.MCTP).map(f -> Arguments.of(a, t, f))));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("everyCombination")
    void recordsOpenToWhatWasSealedInOrder(AeadAlgo aead, SessionType type, SecuredMessageFormat format)
            throws Exception {
        SecuredMessageCodec codec = new SecuredMessageCodec(CRYPTO, format, type);
        DirectionKeys sender = TestKeys.of(aead, 1);
        DirectionKeys receiver = TestKeys.of(aead, 1);
        for (int i = 0; i < 3; i++) {
            byte[] data = ("message " + i).getBytes(StandardCharsets.US_ASCII);
            SecuredMessage opened = codec.decode(ID, receiver, codec.encode(ID, sender, data, random));
            assertArrayEquals(data, opened.applicationData().toByteArray());
            assertEquals(i, opened.sequenceNumber());
        }
        assertEquals(3, sender.sequenceNumber());
        assertEquals(3, receiver.sequenceNumber());
    }

    @Test
    void doeRecordIsSessionIdThenLengthThenCiphertextAndTag() throws Exception {
        byte[] record = doe.encode(ID, TestKeys.of(AeadAlgo.AES_256_GCM, 1), MESSAGE, random);
        assertArrayEquals(new byte[] {(byte) 0xFE, (byte) 0xFF, 0x34, 0x12}, Arrays.copyOf(record, 4),
                "requester half first, each half little-endian");
        int length = 2 + MESSAGE.length + 16;
        assertEquals(length, (record[4] & 0xFF) | (record[5] & 0xFF) << 8);
        assertEquals(6 + length, record.length);
    }

    @Test
    void sessionIdOfReadsTheIdBeforeAnyKeyIsKnown() throws Exception {
        byte[] record = doe.encode(ID, TestKeys.of(AeadAlgo.AES_256_GCM, 1), MESSAGE, random);
        assertEquals(ID, SecuredMessageCodec.sessionIdOf(record));
    }

    @Test
    void sessionIdOfFewerThanFourBytesIsTruncated() {
        assertEquals(Reason.TRUNCATED,
                assertThrows(SecuredMessageException.class, () -> SecuredMessageCodec.sessionIdOf(new byte[3]))
                        .reason());
    }

    @Test
    void mctpRecordCarriesTheLowSixteenBitsOfTheSequenceNumber() throws Exception {
        DirectionKeys sender = TestKeys.of(AeadAlgo.AES_128_GCM, 2);
        byte[] record = null;
        for (int i = 0; i < 3; i++) {
            record = mctp.encode(ID, sender, MESSAGE, random);
        }
        assertArrayEquals(new byte[] {0x02, 0x00}, Arrays.copyOfRange(record, 4, 6));
    }

    @Test
    void mctpRecordsCarryRandomPaddingOfUpToThirtyTwoBytes() throws Exception {
        DirectionKeys sender = TestKeys.of(AeadAlgo.AES_128_GCM, 2);
        DirectionKeys receiver = TestKeys.of(AeadAlgo.AES_128_GCM, 2);
        Set<Integer> paddings = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            byte[] record = mctp.encode(ID, sender, MESSAGE, random);
            int length = (record[6] & 0xFF) | (record[7] & 0xFF) << 8;
            int padding = length - 2 - MESSAGE.length - 16;
            assertTrue(padding >= 0 && padding <= 32, "padding " + padding);
            paddings.add(padding);
            assertArrayEquals(MESSAGE, mctp.decode(ID, receiver, record).applicationData().toByteArray());
        }
        assertTrue(paddings.size() > 1, "padding lengths vary: " + paddings);
    }

    @Test
    void doeRecordsAreNeverPadded() throws Exception {
        DirectionKeys sender = TestKeys.of(AeadAlgo.AES_256_GCM, 2);
        for (int i = 0; i < 10; i++) {
            assertEquals(6 + 2 + MESSAGE.length + 16, doe.encode(ID, sender, MESSAGE, random).length);
        }
    }

    @Test
    void transportPaddingAfterTheRecordIsIgnored() throws Exception {
        byte[] record = doe.encode(ID, TestKeys.of(AeadAlgo.AES_256_GCM, 3), MESSAGE, random);
        byte[] padded = Arrays.copyOf(record, record.length + 2);
        assertArrayEquals(MESSAGE,
                doe.decode(ID, TestKeys.of(AeadAlgo.AES_256_GCM, 3), padded).applicationData().toByteArray());
    }

    private Reason rejection(SecuredMessageCodec codec, DirectionKeys receiver, byte[] record) {
        return assertThrows(SecuredMessageException.class, () -> codec.decode(ID, receiver, record)).reason();
    }

    @Test
    void flippedCiphertextBitFailsAuthentication() throws Exception {
        byte[] record = doe.encode(ID, TestKeys.of(AeadAlgo.AES_256_GCM, 4), MESSAGE, random);
        record[7] ^= 0x01;
        assertEquals(Reason.AUTHENTICATION_FAILED, rejection(doe, TestKeys.of(AeadAlgo.AES_256_GCM, 4), record));
    }

    @Test
    void flippedMacBitFailsAuthentication() throws Exception {
        byte[] record = doe.encode(ID, TestKeys.of(AeadAlgo.AES_256_GCM, 4), MESSAGE, random);
        record[record.length - 1] ^= (byte) 0x80;
        assertEquals(Reason.AUTHENTICATION_FAILED, rejection(doe, TestKeys.of(AeadAlgo.AES_256_GCM, 4), record));
    }

    @Test
    void flippedSessionIdBitIsASessionMismatch() throws Exception {
        byte[] record = doe.encode(ID, TestKeys.of(AeadAlgo.AES_256_GCM, 4), MESSAGE, random);
        record[2] ^= 0x01;
        assertEquals(Reason.SESSION_MISMATCH, rejection(doe, TestKeys.of(AeadAlgo.AES_256_GCM, 4), record));
    }

    @Test
    void lengthFieldLoweredFailsAuthentication() throws Exception {
        byte[] record = doe.encode(ID, TestKeys.of(AeadAlgo.AES_256_GCM, 4), MESSAGE, random);
        record[4]--;
        assertEquals(Reason.AUTHENTICATION_FAILED, rejection(doe, TestKeys.of(AeadAlgo.AES_256_GCM, 4), record));
    }

    @Test
    void lengthFieldRaisedPastTheRecordIsTruncated() throws Exception {
        byte[] record = doe.encode(ID, TestKeys.of(AeadAlgo.AES_256_GCM, 4), MESSAGE, random);
        record[5] ^= 0x01;
        assertEquals(Reason.TRUNCATED, rejection(doe, TestKeys.of(AeadAlgo.AES_256_GCM, 4), record));
    }

    @Test
    void lengthBelowApplicationDataLengthPlusTagIsBadLength() throws Exception {
        byte[] record = doe.encode(ID, TestKeys.of(AeadAlgo.AES_256_GCM, 4), MESSAGE, random);
        record[4] = 17;
        record[5] = 0;
        assertEquals(Reason.BAD_LENGTH, rejection(doe, TestKeys.of(AeadAlgo.AES_256_GCM, 4), record));
    }

    @Test
    void recordCutShortIsTruncated() throws Exception {
        byte[] record = doe.encode(ID, TestKeys.of(AeadAlgo.AES_256_GCM, 4), MESSAGE, random);
        assertEquals(Reason.TRUNCATED,
                rejection(doe, TestKeys.of(AeadAlgo.AES_256_GCM, 4), Arrays.copyOf(record, record.length - 1)));
    }

    @Test
    void authenticatedApplicationDataLengthBeyondThePlaintextIsBadLength() throws Exception {
        DirectionKeys sender = TestKeys.of(AeadAlgo.AES_256_GCM, 4);
        byte[] plain = {0x10, 0x00, 1, 2, 3, 4}; // claims 16 bytes, holds 4
        byte[] header = {(byte) 0xFE, (byte) 0xFF, 0x34, 0x12, (byte) (plain.length + 16), 0};
        byte[] sealed = sender.seal(CRYPTO, header, plain);
        byte[] record = Arrays.copyOf(header, header.length + sealed.length);
        System.arraycopy(sealed, 0, record, header.length, sealed.length);
        assertEquals(Reason.BAD_LENGTH, rejection(doe, TestKeys.of(AeadAlgo.AES_256_GCM, 4), record));
    }

    @Test
    void rejectedRecordLeavesTheReceiverCounterSoTheGenuineRecordStillOpens() throws Exception {
        byte[] record = doe.encode(ID, TestKeys.of(AeadAlgo.CHACHA20_POLY1305, 5), MESSAGE, random);
        DirectionKeys receiver = TestKeys.of(AeadAlgo.CHACHA20_POLY1305, 5);
        byte[] tampered = record.clone();
        tampered[8] ^= 0x04;
        assertEquals(Reason.AUTHENTICATION_FAILED, rejection(doe, receiver, tampered));
        assertEquals(0, receiver.sequenceNumber());
        assertArrayEquals(MESSAGE, doe.decode(ID, receiver, record).applicationData().toByteArray());
    }

    @Test
    void replayedDoeRecordFailsAuthenticationUnderTheNextSequenceNumber() throws Exception {
        byte[] record = doe.encode(ID, TestKeys.of(AeadAlgo.AES_128_GCM, 6), MESSAGE, random);
        DirectionKeys receiver = TestKeys.of(AeadAlgo.AES_128_GCM, 6);
        doe.decode(ID, receiver, record);
        assertEquals(Reason.AUTHENTICATION_FAILED, rejection(doe, receiver, record));
        assertEquals(1, receiver.sequenceNumber());
    }

    @Test
    void replayedMctpRecordIsASequenceMismatch() throws Exception {
        byte[] record = mctp.encode(ID, TestKeys.of(AeadAlgo.AES_128_GCM, 6), MESSAGE, random);
        DirectionKeys receiver = TestKeys.of(AeadAlgo.AES_128_GCM, 6);
        mctp.decode(ID, receiver, record);
        assertEquals(Reason.SEQUENCE_MISMATCH, rejection(mctp, receiver, record));
        assertEquals(1, receiver.sequenceNumber());
    }

    @Test
    void senderAtItsMaximumSequenceNumberIsExhaustedAndThatEndsTheSession() throws Exception {
        DirectionKeys sender = TestKeys.of(AeadAlgo.AES_256_GCM, 7, 2);
        doe.encode(ID, sender, MESSAGE, random);
        doe.encode(ID, sender, MESSAGE, random);
        SecuredMessageException e = assertThrows(SecuredMessageException.class,
                () -> doe.encode(ID, sender, MESSAGE, random));
        assertEquals(Reason.SEQUENCE_EXHAUSTED, e.reason());
        assertTrue(e.reason().endsSession());
        assertTrue(sender.exhausted());
        assertEquals(2, sender.sequenceNumber());
    }

    @Test
    void receiverAtItsMaximumSequenceNumberIsExhausted() throws Exception {
        DirectionKeys sender = TestKeys.of(AeadAlgo.AES_256_GCM, 7);
        DirectionKeys receiver = TestKeys.of(AeadAlgo.AES_256_GCM, 7, 1);
        doe.decode(ID, receiver, doe.encode(ID, sender, MESSAGE, random));
        byte[] second = doe.encode(ID, sender, MESSAGE, random);
        assertEquals(Reason.SEQUENCE_EXHAUSTED, rejection(doe, receiver, second));
    }

    @Test
    void otherReasonsDoNotEndTheSession() {
        for (Reason r : List.of(Reason.AUTHENTICATION_FAILED, Reason.SEQUENCE_MISMATCH, Reason.TRUNCATED,
                Reason.BAD_LENGTH, Reason.SESSION_MISMATCH, Reason.UNKNOWN_SESSION)) {
            assertFalse(r.endsSession(), r.toString());
        }
    }

    @Test
    void macOnlyRecordCarriesTheDataInTheClearFollowedByTheMac() throws Exception {
        byte[] record = macOnly.encode(ID, TestKeys.of(AeadAlgo.AES_256_GCM, 8), MESSAGE, random);
        assertEquals(6 + MESSAGE.length + 16, record.length);
        assertEquals(MESSAGE.length + 16, (record[4] & 0xFF) | (record[5] & 0xFF) << 8);
        assertArrayEquals(MESSAGE, Arrays.copyOfRange(record, 6, 6 + MESSAGE.length));
    }

    @Test
    void macOnlyRecordWithAlteredDataFailsAuthentication() throws Exception {
        byte[] record = macOnly.encode(ID, TestKeys.of(AeadAlgo.AES_256_GCM, 8), MESSAGE, random);
        record[7] ^= 0x01;
        assertEquals(Reason.AUTHENTICATION_FAILED,
                rejection(macOnly, TestKeys.of(AeadAlgo.AES_256_GCM, 8), record));
    }

    @Test
    void macOnlyLengthBelowTheMacIsBadLength() throws Exception {
        byte[] record = macOnly.encode(ID, TestKeys.of(AeadAlgo.AES_256_GCM, 8), MESSAGE, random);
        record[4] = 15;
        record[5] = 0;
        assertEquals(Reason.BAD_LENGTH, rejection(macOnly, TestKeys.of(AeadAlgo.AES_256_GCM, 8), record));
    }

    @Test
    void recordOfAnotherSessionIsASessionMismatch() throws Exception {
        byte[] record = doe.encode(new SessionId(1, 2), TestKeys.of(AeadAlgo.AES_256_GCM, 9), MESSAGE, random);
        assertEquals(Reason.SESSION_MISMATCH, rejection(doe, TestKeys.of(AeadAlgo.AES_256_GCM, 9), record));
    }

    @Test
    void recordUnderAnotherKeyFailsAuthentication() throws Exception {
        byte[] record = doe.encode(ID, TestKeys.of(AeadAlgo.AES_256_GCM, 9), MESSAGE, random);
        assertEquals(Reason.AUTHENTICATION_FAILED, rejection(doe, TestKeys.of(AeadAlgo.AES_256_GCM, 10), record));
    }

    @ParameterizedTest
    @EnumSource(SessionType.class)
    void applicationDataTooLongForOneRecordIsRefused(SessionType type) {
        SecuredMessageCodec codec = new SecuredMessageCodec(CRYPTO, SecuredMessageFormat.MCTP, type);
        byte[] tooLong = new byte[codec.maxApplicationDataLength() + 1];
        assertThrows(IllegalArgumentException.class,
                () -> codec.encode(ID, TestKeys.of(AeadAlgo.AES_256_GCM, 1), tooLong, random));
    }

    @ParameterizedTest
    @EnumSource(SessionType.class)
    void longestApplicationDataRoundTrips(SessionType type) throws Exception {
        SecuredMessageCodec codec = new SecuredMessageCodec(CRYPTO, SecuredMessageFormat.MCTP, type);
        byte[] longest = TestKeys.pattern(3, codec.maxApplicationDataLength());
        byte[] record = codec.encode(ID, TestKeys.of(AeadAlgo.AES_256_GCM, 1), longest, random);
        assertArrayEquals(longest,
                codec.decode(ID, TestKeys.of(AeadAlgo.AES_256_GCM, 1), record).applicationData().toByteArray());
    }

    @Test
    void formatRejectsMoreThanEightSequenceNumberBytes() {
        assertThrows(IllegalArgumentException.class, () -> new SecuredMessageFormat(9, 0));
    }
}
