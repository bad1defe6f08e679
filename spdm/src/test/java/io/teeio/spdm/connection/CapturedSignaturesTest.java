package io.teeio.spdm.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.spdm.cert.SpdmCertChain;
import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.crypto.BaseAsymAlgo;
import io.teeio.spdm.crypto.BaseHashAlgo;
import io.teeio.spdm.crypto.JcaSpdmCrypto;
import io.teeio.spdm.crypto.SpdmCrypto;
import io.teeio.spdm.message.Algorithms;
import io.teeio.spdm.message.ChallengeAuth;
import io.teeio.spdm.message.GetMeasurements;
import io.teeio.spdm.message.Measurements;
import io.teeio.spdm.message.SpdmCode;
import io.teeio.spdm.message.SpdmVersion;
import io.teeio.spdm.vectors.LibspdmVectors;
import io.teeio.spdm.vectors.LibspdmVectors.Message;
import io.teeio.spdm.vectors.LibspdmVectors.Run;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Replays the connection phase of each captured libspdm run through {@link ConnectionTranscripts} and
 * {@link SigningContext}, and checks every CHALLENGE_AUTH and signed MEASUREMENTS signature with the slot's
 * leaf key: the transcript rules (which messages reset which part) are right only if all of them verify.
 */
class CapturedSignaturesTest {
    private final SpdmCrypto crypto = new JcaSpdmCrypto(new SecureRandom());

    /** One signature found while replaying: what was signed and by which rule. */
    record Signed(String what, byte[] transcript, byte[] signature, PublicKey key, SigningContext context) {
    }

    private List<Signed> replay(Run run, BaseAsymAlgo[] asymOut, BaseHashAlgo[] hashOut) throws Exception {
        List<Message> all = LibspdmVectors.messages(run);
        ConnectionTranscripts t = new ConnectionTranscripts();
        List<Signed> found = new ArrayList<>();
        BaseHashAlgo hash = null;
        BaseAsymAlgo asym = null;
        SpdmVersion version = SpdmVersion.V1_2;
        boolean measures = false;
        for (int i = 0; i + 1 < all.size(); i += 2) {
            Message req = all.get(i);
            Message rsp = all.get(i + 1);
            assertTrue(req.fromRequester() && !rsp.fromRequester(), "pairs alternate at " + i);
            if (req.inSession() || req.code() == SpdmCode.KEY_EXCHANGE || req.code() == SpdmCode.PSK_EXCHANGE) {
                break; // the session phase is checked by the session tests
            }
            int code = req.code();
            if (code == SpdmCode.GET_VERSION) {
                t.resetAll();
            } else {
                t.beforeRequest(code, null);
            }
            if (rsp.code() == SpdmCode.ERROR) {
                if (code == SpdmCode.GET_MEASUREMENTS) {
                    t.m().reset();
                }
                continue;
            }
            switch (code) {
                case SpdmCode.GET_VERSION, SpdmCode.GET_CAPABILITIES -> {
                    t.vca().append(req.bytes()).append(rsp.bytes());
                    if (code == SpdmCode.GET_CAPABILITIES) {
                        int flags = rsp.bytes()[8] & 0xFF | (rsp.bytes()[9] & 0xFF) << 8;
                        measures = (flags & 0x18) != 0;
                        version = SpdmVersion.fromHeaderByte(rsp.bytes()[0] & 0xFF);
                    }
                }
                case SpdmCode.NEGOTIATE_ALGORITHMS -> {
                    t.vca().append(req.bytes()).append(rsp.bytes());
                    Algorithms a = Algorithms.read(new ByteReader(rsp.bytes(), "ALGORITHMS"));
                    hash = BaseHashAlgo.fromMask(a.baseHashSel()).orElseThrow();
                    asym = BaseAsymAlgo.fromMask(a.baseAsymSel()).orElseThrow();
                }
                case SpdmCode.GET_DIGESTS, SpdmCode.GET_CERTIFICATE -> t.b().append(req.bytes()).append(rsp.bytes());
                case SpdmCode.CHALLENGE -> {
                    boolean summary = measures && (req.bytes()[3] & 0xFF) != 0;
                    ChallengeAuth auth = ChallengeAuth.read(new ByteReader(rsp.bytes(), "CHALLENGE_AUTH"),
                            hash.size(), asym.signatureSize(), summary);
                    byte[] unsigned = Arrays.copyOf(rsp.bytes(), rsp.bytes().length - asym.signatureSize());
                    t.c().append(req.bytes()).append(unsigned);
                    found.add(new Signed("CHALLENGE_AUTH #" + i, t.challengeTranscript(),
                            auth.signature().toByteArray(), leafKey(run, auth.slot()),
                            SigningContext.RESPONDER_CHALLENGE_AUTH));
                    t.markAuthenticated();
                }
                case SpdmCode.GET_MEASUREMENTS -> {
                    GetMeasurements gm = GetMeasurements.read(new ByteReader(req.bytes(), "GET_MEASUREMENTS"));
                    Measurements m = Measurements.read(new ByteReader(rsp.bytes(), "MEASUREMENTS"),
                            gm.signatureRequested(), asym.signatureSize());
                    byte[] unsigned = Arrays.copyOf(rsp.bytes(), rsp.bytes().length - m.signature().length());
                    t.m().append(req.bytes()).append(unsigned);
                    if (gm.signatureRequested()) {
                        found.add(new Signed("MEASUREMENTS #" + i, t.measurementTranscript(version, t.m()),
                                m.signature().toByteArray(), leafKey(run, gm.slotIdParam() & 0xF),
                                SigningContext.RESPONDER_MEASUREMENTS));
                        t.m().reset();
                    }
                }
                default -> {
                }
            }
        }
        asymOut[0] = asym;
        hashOut[0] = hash;
        return found;
    }

    private PublicKey leafKey(Run run, int slot) throws Exception {
        return SpdmCertChain.ofDer(LibspdmVectors.certChainDer(run, slot)).leaf().getPublicKey();
    }

    private boolean verifies(Signed s, BaseAsymAlgo asym, BaseHashAlgo hash, SpdmVersion v) {
        byte[] m = s.context().signedMessage(v, hash, crypto, s.transcript());
        return crypto.verify(asym, hash, s.key(), m, s.signature());
    }

    @ParameterizedTest
    @EnumSource(Run.class)
    void everyCapturedConnectionSignatureVerifiesOverOurTranscripts(Run run) throws Exception {
        BaseAsymAlgo[] asym = new BaseAsymAlgo[1];
        BaseHashAlgo[] hash = new BaseHashAlgo[1];
        List<Signed> signed = replay(run, asym, hash);
        assertFalse(signed.isEmpty(), "the run holds signed responses");
        for (Signed s : signed) {
            assertTrue(verifies(s, asym[0], hash[0], SpdmVersion.V1_2), s.what() + " verifies");
        }
        if (run == Run.D_ECDSA_P384_MEAS1BY1) {
            assertEquals(9 + 1, signed.size(), "run D: one CHALLENGE_AUTH and nine signed MEASUREMENTS");
        }
    }

    @ParameterizedTest
    @EnumSource(Run.class)
    void aOneByteChangeInTheTranscriptBreaksEverySignature(Run run) throws Exception {
        BaseAsymAlgo[] asym = new BaseAsymAlgo[1];
        BaseHashAlgo[] hash = new BaseHashAlgo[1];
        for (Signed s : replay(run, asym, hash)) {
            byte[] tampered = s.transcript().clone();
            tampered[tampered.length / 2] ^= 0x01;
            Signed t = new Signed(s.what(), tampered, s.signature(), s.key(), s.context());
            assertFalse(verifies(t, asym[0], hash[0], SpdmVersion.V1_2), s.what() + " fails after tampering");
            byte[] sig = s.signature().clone();
            sig[sig.length - 1] ^= 0x01;
            assertFalse(verifies(new Signed(s.what(), s.transcript(), sig, s.key(), s.context()), asym[0], hash[0],
                    SpdmVersion.V1_2), s.what() + " fails with a changed signature byte");
        }
    }
}
