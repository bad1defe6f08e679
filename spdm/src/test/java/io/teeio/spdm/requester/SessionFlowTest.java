package io.teeio.spdm.requester;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.crypto.AeadAlgo;
import io.teeio.spdm.crypto.BaseAsymAlgo;
import io.teeio.spdm.crypto.BaseHashAlgo;
import io.teeio.spdm.crypto.DheGroup;
import io.teeio.spdm.message.CapabilityFlags;
import io.teeio.spdm.message.SpdmErrorCode;
import io.teeio.spdm.message.VendorDefined;
import io.teeio.spdm.responder.ResponderConfig;
import io.teeio.spdm.responder.SpdmResponder;
import io.teeio.spdm.session.DataSecrets;
import io.teeio.spdm.session.SecuredSession;
import io.teeio.spdm.transport.InMemoryTransport;
import io.teeio.spdm.transport.SecuredMessageBinding;
import io.teeio.trace.Tracer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SessionFlowTest {
    private static final BaseAsymAlgo ASYM = BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P256;

    /** Echoes the payload reversed, so a test can tell request from response. */
    private static ResponderConfig.Builder echoResponder() {
        return TestPeers.responderConfig(ASYM).vendorHandler((req, sessionId) -> {
            byte[] p = req.payload().toByteArray();
            byte[] out = new byte[p.length];
            for (int i = 0; i < p.length; i++) {
                out[i] = p[p.length - 1 - i];
            }
            return Bytes.of(out);
        });
    }

    private static SpdmRequester connect(ResponderConfig rc, RequesterConfig qc, SecuredMessageBinding binding,
            SpdmResponder[] responderOut) throws Exception {
        SpdmResponder responder = new SpdmResponder(rc, TestPeers.crypto(11), binding, Tracer.NONE);
        responderOut[0] = responder;
        SpdmRequester requester = new SpdmRequester(qc, new InMemoryTransport(responder::respond, binding),
                TestPeers.crypto(12), Tracer.NONE);
        requester.connect();
        requester.getDigests();
        requester.getCertificate(0);
        return requester;
    }

    private static Bytes roundTrip(SpdmSession s, byte[] payload) throws Exception {
        return s.vendorDefined(VendorDefined.STANDARD_ID_PCI_SIG, VendorDefined.PCI_SIG_VENDOR_ID, Bytes.of(payload));
    }

    static Stream<Arguments> suites() {
        List<Arguments> out = new ArrayList<>();
        for (DheGroup d : DheGroup.values()) {
            for (AeadAlgo a : AeadAlgo.values()) {
                for (BaseHashAlgo h : BaseHashAlgo.values()) {
                    out.add(Arguments.of(d, a, h));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("suites")
    void sessionOpensAndCarriesApplicationDataForEveryDheAeadAndHash(DheGroup dhe, AeadAlgo aead, BaseHashAlgo hash)
            throws Exception {
        SpdmResponder[] r = new SpdmResponder[1];
        SpdmRequester q = connect(echoResponder().build(), TestPeers.requesterConfig(ASYM).dheGroups(List.of(dhe))
                .aeads(List.of(aead)).hashes(List.of(hash)).build(), SecuredMessageBinding.PCI_DOE, r);
        assertEquals(dhe, q.negotiated().orElseThrow().dhe());
        try (SpdmSession s = q.openSession(0, 0xFF)) {
            assertEquals(Bytes.of(new byte[] {3, 2, 1}), roundTrip(s, new byte[] {1, 2, 3}));
            s.heartbeat();
            assertEquals(SecuredSession.Phase.ESTABLISHED, r[0].sessionPhase(s.id()));
        }
        assertTrue(r[0].sessionIds().isEmpty(), "END_SESSION removed the session on the responder");
    }

    @ParameterizedTest(name = "handshake in the clear: {0}")
    @ValueSource(booleans = {true, false})
    void handshakeWorksInTheClearAndEncrypted(boolean inTheClear) throws Exception {
        int rspFlags = ResponderConfig.DEFAULT_FLAGS;
        int reqFlags = RequesterConfig.DEFAULT_FLAGS;
        if (!inTheClear) {
            rspFlags &= ~CapabilityFlags.HANDSHAKE_IN_THE_CLEAR_CAP;
        }
        SpdmResponder[] r = new SpdmResponder[1];
        SpdmRequester q = connect(echoResponder().capabilityFlags(rspFlags).build(),
                TestPeers.requesterConfig(ASYM).capabilityFlags(reqFlags).build(), SecuredMessageBinding.PCI_DOE, r);
        assertEquals(inTheClear, q.negotiated().orElseThrow().handshakeInTheClear());
        try (SpdmSession s = q.openSession(0, 0)) {
            assertEquals(Bytes.of(new byte[] {9, 8}), roundTrip(s, new byte[] {8, 9}));
        }
    }

    @Test
    void tenThousandRoundTripsWithAKeyUpdateEveryThousand() throws Exception {
        SpdmResponder[] r = new SpdmResponder[1];
        SpdmRequester q = connect(echoResponder().build(), TestPeers.requesterConfig(ASYM).build(),
                SecuredMessageBinding.PCI_DOE, r);
        try (SpdmSession s = q.openSession(0, 0)) {
            for (int i = 0; i < 10_000; i++) {
                if (i > 0 && i % 1000 == 0) {
                    s.updateKeys(i % 2000 == 0 ? SpdmSession.KeyUpdateOperation.UPDATE_ALL_KEYS
                            : SpdmSession.KeyUpdateOperation.UPDATE_KEY);
                }
                byte[] p = {(byte) i, (byte) (i >> 8)};
                assertEquals(Bytes.of(new byte[] {p[1], p[0]}), roundTrip(s, p));
            }
        }
    }

    @Test
    void keyMaterialIsGoneAfterEndSession() throws Exception {
        SpdmResponder[] r = new SpdmResponder[1];
        SpdmRequester q = connect(echoResponder().build(), TestPeers.requesterConfig(ASYM).build(),
                SecuredMessageBinding.PCI_DOE, r);
        SpdmSession s = q.openSession(0, 0);
        DataSecrets data = s.channel().dataSecrets();
        s.close();
        assertTrue(data.isDestroyed());
        assertTrue(data.request().current().key().isDestroyed());
        assertTrue(data.response().current().key().isDestroyed());
        assertTrue(data.exportMasterSecret().isDestroyed());
        assertFalse(s.isOpen());
        SpdmRequesterException e = assertThrows(SpdmRequesterException.class, s::heartbeat);
        assertEquals(SpdmRequesterException.Kind.INVALID_STATE, e.kind());
    }

    @Test
    void severalSessionsAtOnceHaveDistinctIdsAndIndependentKeys() throws Exception {
        SpdmResponder[] r = new SpdmResponder[1];
        SpdmRequester q = connect(echoResponder().build(), TestPeers.requesterConfig(ASYM).build(),
                SecuredMessageBinding.PCI_DOE, r);
        SpdmSession a = q.openSession(0, 0);
        SpdmSession b = q.openSession(0, 0);
        assertNotEquals(a.id(), b.id());
        assertEquals(0xFFFF, a.id().requesterHalf());
        assertEquals(0xFFFE, b.id().requesterHalf());
        assertEquals(2, r[0].sessionIds().size());
        assertEquals(Bytes.of(new byte[] {2, 1}), roundTrip(a, new byte[] {1, 2}));
        b.close();
        assertEquals(Bytes.of(new byte[] {4, 3}), roundTrip(a, new byte[] {3, 4}));
        a.close();
    }

    @Test
    void mctpSessionsCarrySequenceNumbersAndPadding() throws Exception {
        SpdmResponder[] r = new SpdmResponder[1];
        SpdmRequester q = connect(echoResponder().build(), TestPeers.requesterConfig(ASYM).build(),
                SecuredMessageBinding.MCTP, r);
        try (SpdmSession s = q.openSession(0, 0)) {
            for (int i = 0; i < 50; i++) {
                assertArrayEquals(new byte[] {7, (byte) i}, roundTrip(s, new byte[] {(byte) i, 7}).toByteArray());
            }
        }
    }

    @Test
    void sessionLimitIsEnforcedWithSessionLimitExceeded() throws Exception {
        SpdmResponder[] r = new SpdmResponder[1];
        SpdmRequester q = connect(echoResponder().maxSessions(1).build(), TestPeers.requesterConfig(ASYM).build(),
                SecuredMessageBinding.PCI_DOE, r);
        q.openSession(0, 0);
        SpdmRequesterException e = assertThrows(SpdmRequesterException.class, () -> q.openSession(0, 0));
        assertEquals(SpdmErrorCode.SESSION_LIMIT_EXCEEDED.value(), e.error().orElseThrow().errorCode());
    }
}
