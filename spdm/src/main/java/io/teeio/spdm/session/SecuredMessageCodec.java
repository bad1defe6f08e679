package io.teeio.spdm.session;

import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.crypto.SpdmCrypto;
import io.teeio.spdm.session.SecuredMessageException.Reason;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * DSP0277 secured records for one transport format and session type.
 *
 * <pre>
 * ENC_MAC:  SessionID(4) | SeqNum(T) | Length(2) | AEAD(ApplicationDataLength(2) | data | padding) | MAC(16)
 *           AAD = SessionID | SeqNum | Length; Length counts everything after itself
 * MAC_ONLY: SessionID(4) | SeqNum(T) | Length(2) | data | MAC(16)
 *           MAC over everything before it (AEAD with empty plaintext)
 * </pre>
 *
 * Bytes after the record's Length (transport padding, e.g. DOE dword alignment) are ignored.
 */
public final class SecuredMessageCodec {
    private static final int SESSION_ID_SIZE = 4;
    private static final int LENGTH_SIZE = 2;
    private static final int APP_LENGTH_SIZE = 2;
    private static final int TAG = SpdmCrypto.AEAD_TAG_SIZE;

    private final SpdmCrypto crypto;
    private final SecuredMessageFormat format;
    private final SessionType type;

    public SecuredMessageCodec(SpdmCrypto crypto, SecuredMessageFormat format, SessionType type) {
        this.crypto = crypto;
        this.format = format;
        this.type = type;
    }

    public SecuredMessageFormat format() {
        return format;
    }

    public SessionType type() {
        return type;
    }

    /** The largest application data one record can carry in this format. */
    public int maxApplicationDataLength() {
        return type == SessionType.ENC_MAC
                ? 0xFFFF - APP_LENGTH_SIZE - format.maxRandomPadding() - TAG
                : 0xFFFF - TAG;
    }

    private int headerSize() {
        return SESSION_ID_SIZE + format.sequenceNumberSize() + LENGTH_SIZE;
    }

    /**
     * Protects {@code applicationData} under {@code keys} at their current sequence number, which advances.
     *
     * @param random source of the padding length and bytes, when the format allows padding (ENC_MAC only)
     * @throws SecuredMessageException  SEQUENCE_EXHAUSTED when the keys reached their limit
     * @throws IllegalArgumentException when the data exceeds {@link #maxApplicationDataLength()}
     */
    public byte[] encode(SessionId sessionId, DirectionKeys keys, byte[] applicationData, RandomGenerator random)
            throws SecuredMessageException {
        if (applicationData.length > maxApplicationDataLength()) {
            throw new IllegalArgumentException(applicationData.length + " bytes of application data exceed the "
                    + maxApplicationDataLength() + " one secured record can carry");
        }
        keys.checkNotExhausted();
        int h = headerSize();
        if (type == SessionType.ENC_MAC) {
            int pad = format.maxRandomPadding() == 0 ? 0 : random.nextInt(format.maxRandomPadding() + 1);
            byte[] plain = new byte[APP_LENGTH_SIZE + applicationData.length + pad];
            plain[0] = (byte) applicationData.length;
            plain[1] = (byte) (applicationData.length >>> 8);
            System.arraycopy(applicationData, 0, plain, APP_LENGTH_SIZE, applicationData.length);
            if (pad > 0) {
                byte[] p = new byte[pad];
                random.nextBytes(p);
                System.arraycopy(p, 0, plain, APP_LENGTH_SIZE + applicationData.length, pad);
            }
            byte[] header = header(sessionId, keys.sequenceNumber(), plain.length + TAG);
            byte[] sealed = keys.seal(crypto, header, plain);
            Arrays.fill(plain, (byte) 0);
            byte[] out = Arrays.copyOf(header, h + sealed.length);
            System.arraycopy(sealed, 0, out, h, sealed.length);
            return out;
        }
        byte[] out = new byte[h + applicationData.length + TAG];
        byte[] header = header(sessionId, keys.sequenceNumber(), applicationData.length + TAG);
        System.arraycopy(header, 0, out, 0, h);
        System.arraycopy(applicationData, 0, out, h, applicationData.length);
        byte[] tag = keys.seal(crypto, Arrays.copyOf(out, h + applicationData.length), new byte[0]);
        System.arraycopy(tag, 0, out, h + applicationData.length, TAG);
        return out;
    }

    private byte[] header(SessionId sessionId, long seq, int length) {
        int t = format.sequenceNumberSize();
        byte[] hdr = new byte[headerSize()];
        int id = sessionId.value();
        for (int i = 0; i < SESSION_ID_SIZE; i++) {
            hdr[i] = (byte) (id >>> (8 * i));
        }
        for (int i = 0; i < t; i++) {
            hdr[SESSION_ID_SIZE + i] = (byte) (seq >>> (8 * i));
        }
        hdr[SESSION_ID_SIZE + t] = (byte) length;
        hdr[SESSION_ID_SIZE + t + 1] = (byte) (length >>> 8);
        return hdr;
    }

    /** The session id a record is for, read before anything else so the caller can find the session's keys. */
    public static SessionId sessionIdOf(byte[] record) throws SecuredMessageException {
        if (record.length < SESSION_ID_SIZE) {
            throw new SecuredMessageException(Reason.TRUNCATED, record.length + " bytes cannot hold a session id");
        }
        return SessionId.fromValue((int) le(record, 0, SESSION_ID_SIZE));
    }

    /**
     * Checks and opens a record of session {@code sessionId} under {@code keys}. The keys' sequence number
     * advances only when the record authenticated.
     *
     * @throws SecuredMessageException with the reason: SESSION_MISMATCH, TRUNCATED, BAD_LENGTH,
     *                                 SEQUENCE_EXHAUSTED, SEQUENCE_MISMATCH, AUTHENTICATION_FAILED
     */
    public SecuredMessage decode(SessionId sessionId, DirectionKeys keys, byte[] record) throws SecuredMessageException {
        SessionId id = sessionIdOf(record);
        if (!id.equals(sessionId)) {
            throw new SecuredMessageException(Reason.SESSION_MISMATCH, "record is for session " + id
                    + ", keys are for " + sessionId);
        }
        int t = format.sequenceNumberSize();
        int h = headerSize();
        if (record.length < h) {
            throw new SecuredMessageException(Reason.TRUNCATED, record.length + " bytes cannot hold the "
                    + h + "-byte record header");
        }
        keys.checkNotExhausted();
        long expected = keys.sequenceNumber();
        if (t > 0) {
            long onWire = le(record, SESSION_ID_SIZE, t);
            long mask = t == 8 ? -1L : (1L << (8 * t)) - 1;
            if (onWire != (expected & mask)) {
                throw new SecuredMessageException(Reason.SEQUENCE_MISMATCH, "record carries sequence number 0x"
                        + Long.toHexString(onWire) + ", expected 0x" + Long.toHexString(expected & mask));
            }
        }
        int length = (int) le(record, SESSION_ID_SIZE + t, LENGTH_SIZE);
        int min = TAG + (type == SessionType.ENC_MAC ? APP_LENGTH_SIZE : 0);
        if (length < min) {
            throw new SecuredMessageException(Reason.BAD_LENGTH, "Length " + length + " below the minimum " + min);
        }
        if (record.length - h < length) {
            throw new SecuredMessageException(Reason.TRUNCATED, "Length " + length + " but only "
                    + (record.length - h) + " bytes follow the header");
        }
        if (type == SessionType.ENC_MAC) {
            byte[] plain = keys.open(crypto, Arrays.copyOf(record, h), Arrays.copyOfRange(record, h, h + length));
            try {
                int appLength = (int) le(plain, 0, APP_LENGTH_SIZE);
                if (appLength > plain.length - APP_LENGTH_SIZE) {
                    throw new SecuredMessageException(Reason.BAD_LENGTH, "ApplicationDataLength " + appLength
                            + " exceeds the " + (plain.length - APP_LENGTH_SIZE) + " decrypted bytes");
                }
                return new SecuredMessage(id, expected, Bytes.of(plain, APP_LENGTH_SIZE, appLength));
            } finally {
                Arrays.fill(plain, (byte) 0);
            }
        }
        int dataEnd = h + length - TAG;
        keys.open(crypto, Arrays.copyOf(record, dataEnd), Arrays.copyOfRange(record, dataEnd, dataEnd + TAG));
        return new SecuredMessage(id, expected, Bytes.of(record, h, length - TAG));
    }

    private static long le(byte[] b, int offset, int size) {
        long v = 0;
        for (int i = 0; i < size; i++) {
            v |= (long) (b[offset + i] & 0xFF) << (8 * i);
        }
        return v;
    }

    @Override
    public String toString() {
        return "SecuredMessageCodec[" + type + ", " + format + "]";
    }
}
