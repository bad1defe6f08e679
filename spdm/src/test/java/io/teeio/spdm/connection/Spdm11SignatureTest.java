package io.teeio.spdm.connection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.spdm.cert.SpdmCertChain;
import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.crypto.BaseAsymAlgo;
import io.teeio.spdm.crypto.BaseHashAlgo;
import io.teeio.spdm.crypto.JcaSpdmCrypto;
import io.teeio.spdm.crypto.SpdmCrypto;
import io.teeio.spdm.message.Measurements;
import io.teeio.spdm.message.SpdmVersion;
import io.teeio.spdm.vectors.LibspdmVectors;
import io.teeio.spdm.vectors.LibspdmVectors.Run;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Before SPDM 1.2 there is no signing prefix and the signature covers Hash(transcript) once. Known answer:
 * a signed GET_MEASUREMENTS / MEASUREMENTS pair captured from DMTF spdm_responder_emu (spdm-emu 85436d5,
 * libspdm 1e16c60) started with --ver 1.1 (ECDSA P-384, SHA-384, measurement hash SHA-512, slot 0: the
 * same sample chain as run A); at 1.1 L1 is just the request and the response without its signature.
 */
class Spdm11SignatureTest {
    private static final byte[] GET_MEASUREMENTS = HexFormat.of().parseHex(
            "11e001ff2bcdc938839e7b289333e5034bd391bc97da99994e9204c9f92941b19825647e00");
    private static final byte[] MEASUREMENTS = HexFormat.of().parseHex(""
            + "1160000008100200010143000040008d531d77d821e167114d1eb07e0ae19cfb565152408843c768f1135b548fdfa13a"
            + "203e5c7f129ceacc017df26c999f62da26dbf2e1128345ec0f65d37f87ca41020143000140009effd8a668f76d3fce35"
            + "451a136f8ef6710260e9ca28beef897f559fcdba48a4c066560fb4900195cae4d4fab1f7d11243421008af8614d92a3f"
            + "cabbbf75248f03014300024000ffde42483a687dd47d05f956a2d62007b71a2988084da1095ec2e43bca156680cae07d"
            + "0b84cbc7fc9b1d4e80cd8669aa956aed8bb17b0a20a5031c288dfa8b9f040143000340003a0bd5b08436b1d386122090"
            + "cfa0446cf2571b74f2a15f44df735695dab84bbb1bebb3aef39af6a0f97279b5fb04d513a52dd16547fe88d045581552"
            + "0c861ed410010b00870800070000000000000011014300084000c4f9625b48d4e0e192c463a2d00b43305d7d588d7d9c"
            + "846c1d3f9ed1198883729a55b9178a4f7101dfa1c83234391b2ee98027e8a435d0283e29784ecda6406efd0183008480"
            + "00fdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfd"
            + "fdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfd"
            + "fdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfdfe0113008510003f00000004000000"
            + "1f00000011000000fc9cc328b493eca8edbe8bc3705ee770c176f8d2e6a1039fd3f8307aac1bb1be00008aa3f92edae6"
            + "ff99ddfe0620ec0796a40e6f065b831a9abd55c58f5989a01842c998321e072241ba78606efdad827eb079816de5674a"
            + "f1fab08d59e3ef43d5bacc67bf5b15288c1f8a7feae578feb4478c698dacf8cc041fc94947fdb93d6cb3");
    private static final int SIGNATURE_SIZE = 96;

    private final SpdmCrypto crypto = new JcaSpdmCrypto(new SecureRandom());

    private static PublicKey leafKey() throws Exception {
        return SpdmCertChain.ofDer(LibspdmVectors.certChainDer(Run.A_ECDSA_P384, 0)).leaf().getPublicKey();
    }

    private static byte[] l1() {
        byte[] unsigned = Arrays.copyOf(MEASUREMENTS, MEASUREMENTS.length - SIGNATURE_SIZE);
        return ConnectionTranscripts.concat(GET_MEASUREMENTS, unsigned);
    }

    private static byte[] signature() {
        return Arrays.copyOfRange(MEASUREMENTS, MEASUREMENTS.length - SIGNATURE_SIZE, MEASUREMENTS.length);
    }

    @Test
    void capturedLibspdm11MeasurementSignatureVerifiesOverTheMessageToSign() throws Exception {
        byte[] m = SigningContext.RESPONDER_MEASUREMENTS.signedMessage(SpdmVersion.V1_1,
                BaseHashAlgo.TPM_ALG_SHA_384, crypto, l1());
        assertTrue(crypto.verify(BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P384, BaseHashAlgo.TPM_ALG_SHA_384, leafKey(), m,
                signature()));
    }

    @Test
    void capturedLibspdm11MeasurementSignatureDoesNotCoverTheHashedTranscript() throws Exception {
        byte[] hashed = crypto.hash(BaseHashAlgo.TPM_ALG_SHA_384, l1());
        assertFalse(crypto.verify(BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P384, BaseHashAlgo.TPM_ALG_SHA_384, leafKey(),
                hashed, signature()));
    }

    @Test
    void capturedMeasurementsDecodeToExactlyTheLoggedBytes() throws Exception {
        Measurements m = Measurements.read(new ByteReader(MEASUREMENTS, "MEASUREMENTS"), true, SIGNATURE_SIZE);
        assertArrayEquals(MEASUREMENTS, m.encode());
    }

    @Test
    void before12TheMessageToSignIsTheTranscriptItself() {
        byte[] transcript = {1, 2, 3, 4, 5};
        assertArrayEquals(transcript, SigningContext.RESPONDER_CHALLENGE_AUTH.signedMessage(SpdmVersion.V1_1,
                BaseHashAlgo.TPM_ALG_SHA_256, crypto, transcript));
    }
}
