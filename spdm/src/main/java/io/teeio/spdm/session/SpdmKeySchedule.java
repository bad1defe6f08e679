package io.teeio.spdm.session;

import io.teeio.spdm.crypto.AeadAlgo;
import io.teeio.spdm.crypto.BaseHashAlgo;
import io.teeio.spdm.crypto.SecretBytes;
import io.teeio.spdm.crypto.SpdmCrypto;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The DSP0274 1.2 key schedule of a DHE session for one negotiated suite (base hash, AEAD) and SPDM
 * version: BinConcat, handshake secrets from the DHE secret and TH1, data secrets from TH2, key update.
 * Every output is a {@link SecretBytes} or an object that erases its secrets; intermediate values are
 * zeroed once used. Stateless apart from its configuration.
 */
public final class SpdmKeySchedule {
    static final String LABEL_DERIVED = "derived";
    static final String LABEL_REQ_HS_DATA = "req hs data";
    static final String LABEL_RSP_HS_DATA = "rsp hs data";
    static final String LABEL_REQ_APP_DATA = "req app data";
    static final String LABEL_RSP_APP_DATA = "rsp app data";
    static final String LABEL_KEY = "key";
    static final String LABEL_IV = "iv";
    static final String LABEL_FINISHED = "finished";
    static final String LABEL_EXP_MASTER = "exp master";
    static final String LABEL_TRAFFIC_UPD = "traffic upd";

    private final SpdmCrypto crypto;
    private final BaseHashAlgo hash;
    private final AeadAlgo aead;
    private final byte[] version;
    private final long maxSequenceNumber;

    /** A schedule whose direction keys use {@link DirectionKeys#DEFAULT_MAX_SEQUENCE_NUMBER}. */
    public SpdmKeySchedule(SpdmCrypto crypto, BaseHashAlgo hash, AeadAlgo aead, int versionMajor, int versionMinor) {
        this(crypto, hash, aead, versionMajor, versionMinor, DirectionKeys.DEFAULT_MAX_SEQUENCE_NUMBER);
    }

    /**
     * @param versionMajor      the negotiated SPDM version's major digit (1 for 1.2)
     * @param versionMinor      its minor digit (2 for 1.2); BinConcat's version string is "spdmM.m "
     * @param maxSequenceNumber the (unsigned, exclusive) counter limit of every direction key it derives
     */
    public SpdmKeySchedule(SpdmCrypto crypto, BaseHashAlgo hash, AeadAlgo aead, int versionMajor, int versionMinor,
            long maxSequenceNumber) {
        if (versionMajor < 0 || versionMajor > 9 || versionMinor < 0 || versionMinor > 9) {
            throw new IllegalArgumentException("SPDM version digits must be 0..9, got " + versionMajor + "."
                    + versionMinor);
        }
        this.crypto = crypto;
        this.hash = hash;
        this.aead = aead;
        this.version = ("spdm" + versionMajor + "." + versionMinor + " ").getBytes(StandardCharsets.US_ASCII);
        this.maxSequenceNumber = maxSequenceNumber;
    }

    public BaseHashAlgo hash() {
        return hash;
    }

    public AeadAlgo aead() {
        return aead;
    }

    public long maxSequenceNumber() {
        return maxSequenceNumber;
    }

    /**
     * BinConcat(Length, Version, Label, Context) = LE16(length) | "spdmM.m " | label | context.
     *
     * @param context appended as is; null or empty when the label takes none
     */
    public byte[] binConcat(int length, String label, byte[] context) {
        if (length < 0 || length > 0xFFFF) {
            throw new IllegalArgumentException("BinConcat length " + length + " is not a uint16");
        }
        byte[] l = label.getBytes(StandardCharsets.US_ASCII);
        int c = context == null ? 0 : context.length;
        byte[] out = new byte[2 + version.length + l.length + c];
        out[0] = (byte) length;
        out[1] = (byte) (length >>> 8);
        System.arraycopy(version, 0, out, 2, version.length);
        System.arraycopy(l, 0, out, 2 + version.length, l.length);
        if (c > 0) {
            System.arraycopy(context, 0, out, 2 + version.length + l.length, c);
        }
        return out;
    }

    /**
     * Everything the handshake phase needs, from the DHE shared secret and Hash(TH1) (DSP0274 key schedule
     * rows 2-7). The DHE secret is only read; the caller erases it.
     */
    public HandshakeSecrets deriveHandshakeSecrets(SecretBytes dheSecret, byte[] th1Hash) {
        checkHash("TH1 hash", th1Hash);
        byte[] ikm = dheSecret.copy();
        SecretBytes handshakeSecret;
        try {
            handshakeSecret = SecretBytes.wrap(crypto.hkdfExtract(hash, new byte[hash.size()], ikm));
        } finally {
            Arrays.fill(ikm, (byte) 0);
        }
        SecretBytes reqHs = expand(handshakeSecret, LABEL_REQ_HS_DATA, th1Hash, hash.size());
        SecretBytes rspHs = expand(handshakeSecret, LABEL_RSP_HS_DATA, th1Hash, hash.size());
        return new HandshakeSecrets(handshakeSecret, reqHs, rspHs,
                finishedKey(reqHs), finishedKey(rspHs), directionKeys(reqHs), directionKeys(rspHs));
    }

    /** MasterSecret = HKDF-Extract(salt = Salt1 = Expand(HandshakeSecret, "derived"), IKM = H zeros). */
    public SecretBytes masterSecret(HandshakeSecrets handshake) {
        SecretBytes salt1 = expand(handshake.handshakeSecret(), LABEL_DERIVED, null, hash.size());
        byte[] salt = salt1.copy();
        try {
            return SecretBytes.wrap(crypto.hkdfExtract(hash, salt, new byte[hash.size()]));
        } finally {
            Arrays.fill(salt, (byte) 0);
            salt1.destroy();
        }
    }

    /**
     * The data-phase secrets from Hash(TH2) (rows 8-14). The master secret is derived and erased inside;
     * {@code handshake} stays as it is (the caller erases it when the handshake is over).
     */
    public DataSecrets deriveDataSecrets(HandshakeSecrets handshake, byte[] th2Hash) {
        checkHash("TH2 hash", th2Hash);
        SecretBytes master = masterSecret(handshake);
        try {
            SecretBytes req = expand(master, LABEL_REQ_APP_DATA, th2Hash, hash.size());
            SecretBytes rsp = expand(master, LABEL_RSP_APP_DATA, th2Hash, hash.size());
            SecretBytes export = expand(master, LABEL_EXP_MASTER, th2Hash, hash.size());
            return new DataSecrets(export, new DataKeys(this, req), new DataKeys(this, rsp));
        } finally {
            master.destroy();
        }
    }

    /** A direction's next data secret on KEY_UPDATE: HKDF-Expand(current, BinConcat(H, "traffic upd"), H). */
    public SecretBytes nextDataSecret(SecretBytes current) {
        return expand(current, LABEL_TRAFFIC_UPD, null, hash.size());
    }

    /** Fresh AEAD key and IV salt (sequence number 0) from a handshake or data secret. */
    public DirectionKeys directionKeys(SecretBytes secret) {
        return new DirectionKeys(aead, expand(secret, LABEL_KEY, null, aead.keySize()),
                expand(secret, LABEL_IV, null, SpdmCrypto.AEAD_IV_SIZE), maxSequenceNumber);
    }

    /** finished_key = HKDF-Expand(handshake secret, BinConcat(H, "finished"), H). */
    public SecretBytes finishedKey(SecretBytes handshakeSecret) {
        return expand(handshakeSecret, LABEL_FINISHED, null, hash.size());
    }

    /** VerifyData = HMAC(finished_key, transcriptHash) (ResponderVerifyData, RequesterVerifyData). */
    public byte[] verifyData(SecretBytes finishedKey, byte[] transcriptHash) {
        checkHash("transcript hash", transcriptHash);
        byte[] k = finishedKey.copy();
        try {
            return crypto.hmac(hash, k, transcriptHash);
        } finally {
            Arrays.fill(k, (byte) 0);
        }
    }

    private SecretBytes expand(SecretBytes prk, String label, byte[] context, int length) {
        byte[] k = prk.copy();
        try {
            return SecretBytes.wrap(crypto.hkdfExpand(hash, k, binConcat(length, label, context), length));
        } finally {
            Arrays.fill(k, (byte) 0);
        }
    }

    private void checkHash(String what, byte[] h) {
        if (h.length != hash.size()) {
            throw new IllegalArgumentException(what + " must be " + hash.size() + " bytes for " + hash + ", got "
                    + h.length);
        }
    }

    @Override
    public String toString() {
        return "SpdmKeySchedule[" + hash + ", " + aead + ", " + new String(version, StandardCharsets.US_ASCII).trim()
                + "]";
    }
}
