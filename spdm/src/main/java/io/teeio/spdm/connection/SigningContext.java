package io.teeio.spdm.connection;

import io.teeio.spdm.message.SpdmVersion;
import java.nio.charset.StandardCharsets;

/**
 * The SPDM 1.2+ combined signing prefix: "dmtf-spdm-v1.2.*" four times (64 bytes), zero padding, then
 * the context string, 100 bytes in all. What is signed is prefix || Hash(transcript).
 */
public enum SigningContext {
    RESPONDER_CHALLENGE_AUTH("responder-challenge_auth signing"),
    REQUESTER_CHALLENGE_AUTH("requester-challenge_auth signing"),
    RESPONDER_MEASUREMENTS("responder-measurements signing"),
    RESPONDER_KEY_EXCHANGE_RSP("responder-key_exchange_rsp signing"),
    REQUESTER_FINISH("requester-finish signing");

    public static final int PREFIX_SIZE = 100;

    private final String context;

    SigningContext(String context) {
        this.context = context;
    }

    public String context() {
        return context;
    }

    public byte[] combinedPrefix(SpdmVersion version) {
        byte[] out = new byte[PREFIX_SIZE];
        byte[] unit = version.signingPrefixUnit();
        for (int i = 0; i < 4; i++) {
            System.arraycopy(unit, 0, out, i * 16, 16);
        }
        byte[] ctx = context.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(ctx, 0, out, PREFIX_SIZE - ctx.length, ctx.length);
        return out;
    }

    /** The message to sign: prefix || transcript hash at 1.2+, the bare hash before 1.2. */
    public byte[] messageToSign(SpdmVersion version, byte[] transcriptHash) {
        if (!version.atLeast(SpdmVersion.V1_2)) {
            return transcriptHash.clone();
        }
        byte[] prefix = combinedPrefix(version);
        byte[] out = new byte[prefix.length + transcriptHash.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(transcriptHash, 0, out, prefix.length, transcriptHash.length);
        return out;
    }
}
