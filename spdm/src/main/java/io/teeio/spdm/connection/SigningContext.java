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
     * The message to sign at 1.2+: prefix || transcript hash. Before 1.2 there is no such message (the
     * transcript itself is signed): use {@link #signedMessage}.
     */
    public byte[] messageToSign(SpdmVersion version, byte[] transcriptHash) {
        if (!version.atLeast(SpdmVersion.V1_2)) {
            throw new IllegalArgumentException("SPDM " + version + " signs the transcript itself, not a prefixed hash");
        }
        byte[] prefix = combinedPrefix(version);
        byte[] out = new byte[prefix.length + transcriptHash.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(transcriptHash, 0, out, prefix.length, transcriptHash.length);
        return out;
    }

    /**
     * What the signature scheme is given (it hashes it once more with {@code hash}): prefix || Hash(transcript)
     * at 1.2+, the transcript itself before 1.2, so a 1.0/1.1 signature is over Hash(transcript) as libspdm
     * makes it (PROTOCOLS.md §1.16).
     */
    public byte[] signedMessage(SpdmVersion version, BaseHashAlgo hash, SpdmCrypto crypto, byte[] transcript) {
        if (!version.atLeast(SpdmVersion.V1_2)) {
            return transcript.clone();
        }
        return messageToSign(version, crypto.hash(hash, transcript));
    }
}
