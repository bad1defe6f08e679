package io.teeio.spdm.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.spdm.crypto.AeadAlgo;
import io.teeio.spdm.crypto.BaseAsymAlgo;
import io.teeio.spdm.crypto.BaseHashAlgo;
import io.teeio.spdm.crypto.DheGroup;
import io.teeio.spdm.crypto.JcaSpdmCrypto;
import io.teeio.spdm.crypto.SecretBytes;
import io.teeio.spdm.crypto.SpdmCrypto;
import io.teeio.spdm.vectors.LibspdmVectors;
import io.teeio.spdm.vectors.LibspdmVectors.Message;
import io.teeio.spdm.vectors.LibspdmVectors.Run;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Known answers from the captured libspdm runs A (P-384/SHA-384/AES-256-GCM) and B (P-256/SHA-256/
 * AES-128-GCM): every DHE session's transcript hashes, key schedule, verify data and secured records.
 * Both sides set HANDSHAKE_IN_THE_CLEAR, so KEY_EXCHANGE_RSP ends with its signature.
 */
class LibspdmSessionVectorsTest {
    private static final SpdmCrypto CRYPTO = new JcaSpdmCrypto(JcaSpdmCrypto.seededRandom(7));
    private static final HexFormat HEX = HexFormat.of();

    /** The negotiated suite, read from the run's ALGORITHMS response. */
    record Suite(BaseHashAlgo hash, BaseAsymAlgo asym, DheGroup dhe, AeadAlgo aead) {
        static Suite of(byte[] algorithms) {
            BaseAsymAlgo asym = BaseAsymAlgo.fromMask(le(algorithms, 12, 4)).orElseThrow();
            BaseHashAlgo hash = BaseHashAlgo.fromMask(le(algorithms, 16, 4)).orElseThrow();
            DheGroup dhe = null;
            AeadAlgo aead = null;
            int extCount = algorithms[32] + algorithms[33];
            for (int off = 36 + 4 * extCount; off + 4 <= algorithms.length; off += 4) {
                int type = algorithms[off] & 0xFF;
                int mask = le(algorithms, off + 2, 2);
                if (type == 2) {
                    dhe = Arrays.stream(DheGroup.values()).filter(g -> g.mask() == mask).findFirst().orElseThrow();
                } else if (type == 3) {
                    aead = Arrays.stream(AeadAlgo.values()).filter(a -> a.mask() == mask).findFirst().orElseThrow();
                }
            }
            return new Suite(hash, asym, dhe, aead);
        }
    }

    /** One KEY_EXCHANGE session of a run with its logged key-schedule values. */
    record Captured(Run run, int number, Suite suite, byte[] vca, byte[] certChainHash, Message keyExchange,
            Message keyExchangeRsp, Message finish, Message finishRsp, Map<String, String> expected) {
        @Override
        public String toString() {
            return run + " session " + number;
        }

        int h() {
            return suite.hash().size();
        }

        /** KEY_EXCHANGE_RSP up to and including the Signature. */
        int signatureEnd() {
            byte[] rsp = keyExchangeRsp.bytes();
            int off = 40 + suite.dhe().publicKeySize();
            if (keyExchange.bytes()[2] != 0) {
                off += h(); // MeasurementSummaryHash
            }
            int opaqueLength = le(rsp, off, 2);
            return off + 2 + opaqueLength + suite.asym().signatureSize();
        }

        byte[] th1() {
            return concat(vca, certChainHash, keyExchange.bytes(),
                    Arrays.copyOf(keyExchangeRsp.bytes(), signatureEnd()));
        }

        byte[] th2() {
            return concat(vca, certChainHash, keyExchange.bytes(), keyExchangeRsp.bytes(), finish.bytes(),
                    finishRsp.bytes());
        }

        byte[] value(String key) {
            return HEX.parseHex(expected.get(key));
        }

        SpdmKeySchedule schedule() {
            return new SpdmKeySchedule(CRYPTO, suite.hash(), suite.aead(), 1, 2);
        }

        HandshakeSecrets handshake() {
            return schedule().deriveHandshakeSecrets(SecretBytes.wrap(value("dhe_secret")), hash(th1()));
        }

        byte[] hash(byte[] data) {
            return CRYPTO.hash(suite.hash(), data);
        }
    }

    static Stream<Captured> sessions() {
        List<Captured> out = new ArrayList<>();
        for (Run run : List.of(Run.A_ECDSA_P384, Run.B_ECDSA_P256)) {
            List<Message> messages = LibspdmVectors.messages(run);
            List<String> vcaNames = List.of("GET_VERSION", "VERSION", "GET_CAPABILITIES", "CAPABILITIES",
                    "NEGOTIATE_ALGORITHMS", "ALGORITHMS");
            for (int i = 0; i < vcaNames.size(); i++) {
                assertEquals(vcaNames.get(i), messages.get(i).name(), "VCA message " + i + " of " + run);
            }
            byte[] vca = concat(messages.subList(0, 6).stream().map(Message::bytes).toArray(byte[][]::new));
            Suite suite = Suite.of(messages.get(5).bytes());
            List<Integer> keyExchanges = new ArrayList<>();
            for (Message m : messages) {
                if (!m.inSession() && m.name().equals("KEY_EXCHANGE")) {
                    keyExchanges.add(m.index());
                }
            }
            int nth = 0;
            int number = 0;
            for (Map<String, String> block : LibspdmVectors.sessions(run)) {
                String header = block.getOrDefault("header", "");
                if (header.isEmpty()) {
                    continue;
                }
                number++;
                if (!header.contains("opened_by=KEY_EXCHANGE")) {
                    continue; // PSK sessions have no DHE secret to derive from
                }
                int at = keyExchanges.get(nth++);
                Message ke = messages.get(at);
                int slot = ke.bytes()[3];
                byte[] chainDer = LibspdmVectors.certChainDer(run, slot);
                byte[] rootHash = CRYPTO.hash(suite.hash(), LibspdmVectors.rootCaDer(run, slot));
                int length = 4 + rootHash.length + chainDer.length;
                byte[] chain = concat(new byte[] {(byte) length, (byte) (length >>> 8), 0, 0}, rootHash, chainDer);
                out.add(new Captured(run, number, suite, vca, CRYPTO.hash(suite.hash(), chain), ke,
                        expectName(messages.get(at + 1), "KEY_EXCHANGE_RSP"), expectName(messages.get(at + 2), "FINISH"),
                        expectName(messages.get(at + 3), "FINISH_RSP"), block));
            }
        }
        return out.stream();
    }

    private static Message expectName(Message m, String name) {
        assertEquals(name, m.name(), "message " + m.index());
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sessions")
    void keyExchangeRspEndsWithItsSignatureBecauseTheHandshakeIsInTheClear(Captured s) {
        assertEquals(s.keyExchangeRsp().bytes().length, s.signatureEnd());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sessions")
    void th1HashMatches(Captured s) {
        assertEquals(s.expected().get("th1_hash"), HEX.formatHex(s.hash(s.th1())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sessions")
    void handshakeSecretsMatch(Captured s) {
        HandshakeSecrets hs = s.handshake();
        assertSecret(s, "handshake_secret", hs.handshakeSecret());
        assertSecret(s, "request_handshake_secret", hs.requestHandshakeSecret());
        assertSecret(s, "response_handshake_secret", hs.responseHandshakeSecret());
        assertSecret(s, "request_finished_key", hs.requestFinishedKey());
        assertSecret(s, "response_finished_key", hs.responseFinishedKey());
        assertSecret(s, "request_handshake_key", hs.requestKeys().key());
        assertSecret(s, "request_handshake_iv", hs.requestKeys().ivSalt());
        assertSecret(s, "response_handshake_key", hs.responseKeys().key());
        assertSecret(s, "response_handshake_iv", hs.responseKeys().ivSalt());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sessions")
    void requesterVerifyDataIsTheHmacOfTheTranscriptUpToTheFinishHeader(Captured s) {
        byte[] finish = s.finish().bytes();
        byte[] transcript = concat(s.vca(), s.certChainHash(), s.keyExchange().bytes(), s.keyExchangeRsp().bytes(),
                Arrays.copyOf(finish, 4));
        byte[] verify = s.schedule().verifyData(s.handshake().requestFinishedKey(), s.hash(transcript));
        assertArrayEquals(Arrays.copyOfRange(finish, 4, 4 + s.h()), verify);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sessions")
    void responderVerifyDataIsTheHmacOfTheTranscriptUpToTheFinishRspHeader(Captured s) {
        byte[] finishRsp = s.finishRsp().bytes();
        byte[] transcript = concat(s.vca(), s.certChainHash(), s.keyExchange().bytes(), s.keyExchangeRsp().bytes(),
                s.finish().bytes(), Arrays.copyOf(finishRsp, 4));
        byte[] verify = s.schedule().verifyData(s.handshake().responseFinishedKey(), s.hash(transcript));
        assertArrayEquals(Arrays.copyOfRange(finishRsp, 4, 4 + s.h()), verify);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sessions")
    void th2HashMatches(Captured s) {
        assertEquals(s.expected().get("th2_hash"), HEX.formatHex(s.hash(s.th2())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sessions")
    void masterSecretMatches(Captured s) {
        assertSecret(s, "master_secret", s.schedule().masterSecret(s.handshake()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sessions")
    void dataSecretsKeysAndIvsMatch(Captured s) {
        DataSecrets data = s.schedule().deriveDataSecrets(s.handshake(), s.hash(s.th2()));
        assertSecret(s, "request_data_secret", data.request().secret());
        assertSecret(s, "response_data_secret", data.response().secret());
        assertSecret(s, "export_master_secret", data.exportMasterSecret());
        assertSecret(s, "request_data_key", data.request().current().key());
        assertSecret(s, "request_data_iv", data.request().current().ivSalt());
        assertSecret(s, "response_data_key", data.response().current().key());
        assertSecret(s, "response_data_iv", data.response().current().ivSalt());
    }

    private static void assertSecret(Captured s, String name, SecretBytes actual) {
        assertEquals(s.expected().get(name), HEX.formatHex(actual.copy()), name);
    }

    /**
     * A captured secured record with the message it carries, the KEY_EXCHANGE session it belongs to (the
     * latest one begun before that message: libspdm reuses session ids) and the sequence number it must
     * have used (the earlier in-session messages of that session in the same direction).
     */
    record Wire(Run run, int n, Message message, Captured session, long sequenceNumber, byte[] doeObject) {
        @Override
        public String toString() {
            return run + " wire" + n;
        }

        byte[] record() {
            return Arrays.copyOfRange(doeObject, 8, doeObject.length);
        }

        SessionId sessionId() {
            return SessionId.fromValue((int) message.session().getAsLong());
        }
    }

    static Stream<Run> wireRuns() {
        return Stream.of(Run.A_ECDSA_P384, Run.B_ECDSA_P256);
    }

    private static List<Wire> wires(Run run) {
        Map<String, String> all = new java.util.HashMap<>();
        LibspdmVectors.sessions(run).forEach(all::putAll);
        List<Message> messages = LibspdmVectors.messages(run);
        List<Message> inSession = messages.stream().filter(Message::inSession).toList();
        List<Captured> captured = sessions().filter(c -> c.run() == run).toList();
        List<Wire> out = new ArrayList<>();
        for (int n = 1; all.containsKey("wire" + n + ".doe_object"); n++) {
            Message m = inSession.get(n - 1);
            assertEquals(all.get("wire" + n + ".direction").equals("requester->responder"), m.fromRequester(),
                    "direction of wire" + n);
            Captured owner = captured.stream().filter(c -> c.keyExchange().index() < m.index())
                    .reduce((a, b) -> b).orElseThrow();
            long seq = messages.subList(owner.finishRsp().index() + 1, m.index()).stream()
                    .filter(x -> x.inSession() && x.session().equals(m.session())
                            && x.fromRequester() == m.fromRequester())
                    .count();
            out.add(new Wire(run, n, m, owner, seq, HEX.parseHex(all.get("wire" + n + ".doe_object"))));
        }
        assertEquals(4, out.size(), "wire records of " + run);
        return out;
    }

    /** Data secrets per captured session, derived once so that counters carry over between records. */
    private static final class SessionKeys {
        private final Map<Captured, DataSecrets> data = new java.util.HashMap<>();

        DirectionKeys keysFor(Wire w) {
            Captured c = w.session();
            DataSecrets d = data.computeIfAbsent(c, x -> x.schedule().deriveDataSecrets(x.handshake(), x.hash(x.th2())));
            return w.message().fromRequester() ? d.request().current() : d.response().current();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wireRuns")
    void capturedRecordsOpenToTheLoggedMessagesUnderTheirSessionsDataKeys(Run run) throws Exception {
        SecuredMessageCodec codec = new SecuredMessageCodec(CRYPTO, SecuredMessageFormat.PCI_DOE, SessionType.ENC_MAC);
        SessionKeys keys = new SessionKeys();
        for (Wire w : wires(run)) {
            assertEquals(w.sessionId(), SecuredMessageCodec.sessionIdOf(w.record()), w.toString());
            SecuredMessage opened = codec.decode(w.sessionId(), keys.keysFor(w), w.record());
            assertEquals(HEX.formatHex(w.message().bytes()), opened.applicationData().toHex(), w.toString());
            assertEquals(w.sequenceNumber(), opened.sequenceNumber(), w.toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wireRuns")
    void encodingTheLoggedMessagesReproducesTheCapturedRecords(Run run) throws Exception {
        SecuredMessageCodec codec = new SecuredMessageCodec(CRYPTO, SecuredMessageFormat.PCI_DOE, SessionType.ENC_MAC);
        SessionKeys keys = new SessionKeys();
        for (Wire w : wires(run)) {
            byte[] record = codec.encode(w.sessionId(), keys.keysFor(w), w.message().bytes(), RANDOM_UNUSED);
            byte[] captured = Arrays.copyOfRange(w.doeObject(), 8, 8 + record.length);
            assertEquals(HEX.formatHex(captured), HEX.formatHex(record), w.toString());
            assertTrue(w.doeObject().length - 8 - record.length < 4, "only DOE dword padding follows the record");
        }
    }

    /** PCI DOE records carry no random padding, so the random source must never be consulted. */
    private static final java.util.random.RandomGenerator RANDOM_UNUSED = () -> {
        throw new AssertionError("PCI DOE encoding consulted the random source");
    };

    private static int le(byte[] b, int off, int n) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            v |= (b[off + i] & 0xFF) << (8 * i);
        }
        return v;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
