package io.teeio.spdm.requester;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.crypto.BaseAsymAlgo;
import io.teeio.spdm.crypto.SecretBytes;
import io.teeio.spdm.message.KeyUpdate;
import io.teeio.spdm.message.SpdmCode;
import io.teeio.spdm.message.SpdmVersion;
import io.teeio.spdm.message.VendorDefined;
import io.teeio.spdm.responder.SpdmResponder;
import io.teeio.spdm.session.DataKeys;
import io.teeio.spdm.session.DataSecrets;
import io.teeio.spdm.transport.InMemoryTransport;
import io.teeio.spdm.transport.SecuredMessageBinding;
import io.teeio.spdm.transport.SpdmPacket;
import io.teeio.trace.RecordingSink;
import io.teeio.trace.TimeSource;
import io.teeio.trace.TraceEvent;
import io.teeio.trace.Tracer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * DESIGN.md I7: no trace event, exception message or toString produced during a whole session run — both
 * sides tracing, key updates, refused requests, a tampered record ending a second session — shows any data
 * secret, key or IV salt the sessions used.
 */
class SessionSecretsNeverShownTest {
    private static final BaseAsymAlgo ASYM = BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P256;

    private final Map<String, byte[]> secrets = new LinkedHashMap<>();
    private final List<String> shown = new ArrayList<>();

    private void remember(String name, SecretBytes s) {
        secrets.put(name + " #" + secrets.size(), s.copy());
    }

    private void rememberKeys(String side, DataKeys keys) {
        remember(side + " data secret", keys.secret());
        remember(side + " key", keys.current().key());
        remember(side + " IV salt", keys.current().ivSalt());
    }

    /** Every secret of the session's data phase as it stands now, and the printable forms of its holders. */
    private void rememberSession(SpdmSession s) {
        DataSecrets data = s.channel().dataSecrets();
        remember("export master secret", data.exportMasterSecret());
        rememberKeys("request", data.request());
        rememberKeys("response", data.response());
        shown.add(s.toString());
        shown.add(s.channel().toString());
        shown.add(data.toString());
        shown.add(data.request().toString());
        shown.add(data.response().toString());
        shown.add(data.request().current().toString());
        shown.add(s.channel().schedule().toString());
    }

    private void failing(Executable call) {
        shown.add(assertThrows(SpdmRequesterException.class, call).getMessage());
    }

    @Test
    void noTraceExceptionOrToStringShowsASessionSecret() throws Exception {
        RecordingSink sink = new RecordingSink();
        Tracer tracer = new Tracer(sink, TimeSource.SYSTEM);
        SpdmResponder responder = new SpdmResponder(TestPeers.responderConfig(ASYM).build(), TestPeers.crypto(41),
                SecuredMessageBinding.PCI_DOE, tracer);
        AtomicReference<UnaryOperator<SpdmPacket>> tamper = new AtomicReference<>(UnaryOperator.identity());
        InMemoryTransport transport = new InMemoryTransport(p -> responder.respond(tamper.get().apply(p)),
                SecuredMessageBinding.PCI_DOE);
        SpdmRequester q = new SpdmRequester(TestPeers.requesterConfig(ASYM).build(), transport, TestPeers.crypto(42),
                tracer);
        q.connect();
        q.getDigests();
        q.getCertificate(0);
        q.challenge(0, 0xFF);
        q.getMeasurements(0xFF, true, 0, false);

        SpdmSession s = q.openSession(0, 0xFF);
        rememberSession(s);
        s.heartbeat();
        failing(() -> s.vendorDefined(VendorDefined.STANDARD_ID_PCI_SIG, VendorDefined.PCI_SIG_VENDOR_ID,
                Bytes.of((byte) 1)));
        failing(() -> s.sendReceive(new KeyUpdate(SpdmVersion.V1_2, KeyUpdate.VERIFY_NEW_KEY, 9),
                SpdmCode.KEY_UPDATE_ACK));
        s.updateKeys(SpdmSession.KeyUpdateOperation.UPDATE_KEY);
        rememberSession(s);
        s.updateKeys(SpdmSession.KeyUpdateOperation.UPDATE_ALL_KEYS);
        rememberSession(s);
        s.heartbeat();
        s.close();
        shown.add(s.toString());
        failing(s::heartbeat);

        SpdmSession second = q.openSession(0, 0);
        rememberSession(second);
        tamper.set(p -> {
            if (!p.secured()) {
                return p;
            }
            byte[] b = p.bytes();
            b[b.length - 1] ^= 1;
            return SpdmPacket.secured(b);
        });
        failing(second::heartbeat);
        shown.add(second.toString());

        for (TraceEvent e : sink.events()) {
            shown.add(String.join("|", e.layer(), e.actor(), e.peer(), e.action(), e.detail(), e.stateBefore(),
                    e.stateAfter()));
        }
        assertTrue(secrets.size() >= 4 * 7, "secrets of both sessions and both key updates were seen");
        assertTrue(sink.events().size() > 20, "both sides traced the run");
        String all = String.join("\n", shown);
        String upper = all.toUpperCase();
        for (Map.Entry<String, byte[]> secret : secrets.entrySet()) {
            String hex = HexFormat.of().formatHex(secret.getValue());
            String prefix = hex.substring(0, 16);
            assertFalse(upper.contains(prefix.toUpperCase()), secret.getKey() + " shown in hex");
            assertFalse(all.contains(Base64.getEncoder().encodeToString(secret.getValue()).substring(0, 12)),
                    secret.getKey() + " shown in Base64");
        }
    }
}
