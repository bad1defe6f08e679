package io.teeio.spdm.connection;

import io.teeio.spdm.crypto.BaseHashAlgo;
import io.teeio.spdm.crypto.SpdmCrypto;
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

    /**
     * The message handed to hash-then-sign: prefix || Hash(transcript) at 1.2+; before 1.2 the transcript
     * itself, so that what is signed is Hash(transcript) once (libspdm 1.0/1.1; signing the bare hash would
     * hash it twice).
     */
    public byte[] messageToSign(SpdmVersion version, SpdmCrypto crypto, BaseHashAlgo hash, byte[] transcript) {
        if (!version.atLeast(SpdmVersion.V1_2)) {
            return transcript.clone();
        }
        byte[] prefix = combinedPrefix(version);
        byte[] transcriptHash = crypto.hash(hash, transcript);
        byte[] out = new byte[prefix.length + transcriptHash.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(transcriptHash, 0, out, prefix.length, transcriptHash.length);
        return out;
    }
}
