package io.teeio.spdm.requester;

import static io.teeio.spdm.requester.SpdmRequesterException.Kind.VERIFICATION_FAILED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.spdm.crypto.BaseAsymAlgo;
import io.teeio.spdm.crypto.BaseHashAlgo;
import io.teeio.spdm.crypto.DheGroup;
import io.teeio.spdm.message.CapabilityFlags;
import io.teeio.spdm.message.SpdmCode;
import io.teeio.spdm.responder.ResponderConfig;
import io.teeio.spdm.transport.SecuredMessageBinding;
import io.teeio.spdm.transport.SpdmPacket;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every check the requester makes on what the responder proves: a response altered on its way back fails the
 * step that received it with VERIFICATION_FAILED and a reason naming what did not verify.
 */
class RequesterVerificationTest {
    private static final BaseAsymAlgo ASYM = BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P256;
    private static final int H = BaseHashAlgo.TPM_ALG_SHA_256.size();

    /** Slot 0 and slot 1 hold the same chain, so a test can show the reason names the slot it used. */
    private static ResponderConfig.Builder responder() {
        return TestPeers.responderConfig(ASYM).slot(1, TestPeers.identity(ASYM));
    }

    private static RequesterConfig.Builder requester() {
        return TestPeers.requesterConfig(ASYM).hashes(List.of(BaseHashAlgo.TPM_ALG_SHA_256))
                .dheGroups(List.of(DheGroup.SECP256R1));
    }

    /** Flips bit 0 of byte {@code offset} (from the end when negative) of plain responses with {@code code}. */
    static UnaryOperator<SpdmPacket> flip(int code, int offset) {
        return p -> {
            byte[] b = p.bytes();
            if (p.secured() || (b[1] & 0xFF) != code) {
                return p;
            }
            b[offset < 0 ? b.length + offset : offset] ^= 1;
            return new SpdmPacket(false, b);
        };
    }

    private static TestPeers.Pair pair(ResponderConfig rc, RequesterConfig qc, UnaryOperator<SpdmPacket> tap) {
        return TestPeers.pair(rc, qc, SecuredMessageBinding.PCI_DOE, new TestPeers.PacketLog(), tap);
    }

    private static TestPeers.Pair pair(UnaryOperator<SpdmPacket> tap) {
        return pair(responder().build(), requester().build(), tap);
    }

    private static SpdmRequester connected(TestPeers.Pair p, int slot) throws SpdmRequesterException {
        p.requester().connect();
        p.requester().getDigests();
        p.requester().getCertificate(slot);
        return p.requester();
    }

    private static void assertFails(String step, String reason, Executable call) {
        SpdmRequesterException e = assertThrows(SpdmRequesterException.class, call);
        assertEquals(VERIFICATION_FAILED, e.kind(), e.getMessage());
        assertEquals(step, e.step());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void tamperedChallengeAuthSignatureFailsNamingTheSlot() throws Exception {
        SpdmRequester q = connected(pair(flip(SpdmCode.CHALLENGE_AUTH, -1)), 1);
        assertFails("CHALLENGE", "CHALLENGE_AUTH signature does not verify against the slot 1 leaf key",
                () -> q.challenge(1, 0));
    }

    @Test
    void challengeAuthWithAnotherCertChainHashFails() throws Exception {
        SpdmRequester q = connected(pair(flip(SpdmCode.CHALLENGE_AUTH, 4)), 0);
        assertFails("CHALLENGE", "CertChainHash is not the hash of the slot 0 chain", () -> q.challenge(0, 0));
    }

    @Test
    void tamperedMeasurementsSignatureFailsNamingTheSlot() throws Exception {
        SpdmRequester q = connected(pair(flip(SpdmCode.MEASUREMENTS, -1)), 1);
        assertFails("GET_MEASUREMENTS", "MEASUREMENTS signature does not verify against the slot 1 leaf key",
                () -> q.getMeasurements(0xFF, true, 1, false));
    }

    @Test
    void tamperedKeyExchangeRspSignatureFails() throws Exception {
        SpdmRequester q = connected(pair(flip(SpdmCode.KEY_EXCHANGE_RSP, -1)), 0);
        assertFails("KEY_EXCHANGE", "KEY_EXCHANGE_RSP signature does not verify against the slot 0 leaf key",
                () -> q.openSession(0, 0));
        assertTrue(q.sessions().isEmpty());
    }

    @Test
    void tamperedKeyExchangeRspSignatureFailsWhenTheHandshakeIsEncryptedToo() throws Exception {
        SpdmRequester q = connected(pair(responder().capabilityFlags(ResponderConfig.DEFAULT_FLAGS
                & ~CapabilityFlags.HANDSHAKE_IN_THE_CLEAR_CAP).build(), requester().build(),
                flip(SpdmCode.KEY_EXCHANGE_RSP, -H - 1)), 0);
        assertFails("KEY_EXCHANGE", "KEY_EXCHANGE_RSP signature does not verify", () -> q.openSession(0, 0));
        assertTrue(q.sessions().isEmpty());
    }

    @Test
    void wrongResponderVerifyDataInTheClearFailsAtFinishRsp() throws Exception {
        SpdmRequester q = connected(pair(flip(SpdmCode.FINISH_RSP, -1)), 0);
        assertFails("FINISH", "FINISH_RSP ResponderVerifyData does not match", () -> q.openSession(0, 0));
        assertTrue(q.sessions().isEmpty());
    }

    @Test
    void wrongResponderVerifyDataInAnEncryptedHandshakeFailsAtKeyExchangeRsp() throws Exception {
        SpdmRequester q = connected(pair(responder().capabilityFlags(ResponderConfig.DEFAULT_FLAGS
                & ~CapabilityFlags.HANDSHAKE_IN_THE_CLEAR_CAP).build(), requester().build(),
                flip(SpdmCode.KEY_EXCHANGE_RSP, -1)), 0);
        assertFails("KEY_EXCHANGE", "KEY_EXCHANGE_RSP ResponderVerifyData does not match",
                () -> q.openSession(0, 0));
        assertTrue(q.sessions().isEmpty());
    }

    @Test
    void chainNotRootedInTheTrustAnchorFails() throws Exception {
        TestPeers.Pair p = pair(responder().build(),
                requester().trustAnchors(List.of(TestPeers.foreignRoot(ASYM))).build(), UnaryOperator.identity());
        p.requester().connect();
        p.requester().getDigests();
        assertFails("GET_CERTIFICATE", "slot 0 chain: chain is not rooted in any trust anchor",
                () -> p.requester().getCertificate(0));
        assertTrue(p.requester().chain(0).isEmpty(), "nothing is remembered of an unverified chain");
    }

    @Test
    void chainThatDoesNotHashToItsDigestsEntryFails() throws Exception {
        TestPeers.Pair p = pair(flip(SpdmCode.DIGESTS, 4));
        p.requester().connect();
        p.requester().getDigests();
        assertFails("GET_CERTIFICATE", "the slot 0 chain does not hash to its DIGESTS entry",
                () -> p.requester().getCertificate(0));
    }

    @Test
    void alteredCertificatePortionFailsAgainstTheDigest() throws Exception {
        TestPeers.Pair p = pair(flip(SpdmCode.CERTIFICATE, -1));
        p.requester().connect();
        p.requester().getDigests();
        assertFails("GET_CERTIFICATE", "does not hash to its DIGESTS entry", () -> p.requester().getCertificate(0));
    }
}
