package io.teeio.spdm.requester;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.crypto.AeadAlgo;
import io.teeio.spdm.crypto.BaseAsymAlgo;
import io.teeio.spdm.crypto.BaseHashAlgo;
import io.teeio.spdm.crypto.DheGroup;
import io.teeio.spdm.crypto.DheKeyPair;
import io.teeio.spdm.message.AlgStruct;
import io.teeio.spdm.message.Challenge;
import io.teeio.spdm.message.EndSession;
import io.teeio.spdm.message.ErrorResponse;
import io.teeio.spdm.message.Finish;
import io.teeio.spdm.message.GetCapabilities;
import io.teeio.spdm.message.GetCertificate;
import io.teeio.spdm.message.GetDigests;
import io.teeio.spdm.message.GetMeasurements;
import io.teeio.spdm.message.GetVersion;
import io.teeio.spdm.message.Heartbeat;
import io.teeio.spdm.message.KeyExchange;
import io.teeio.spdm.message.KeyUpdate;
import io.teeio.spdm.message.NegotiateAlgorithms;
import io.teeio.spdm.message.OpaqueData;
import io.teeio.spdm.message.RespondIfReady;
import io.teeio.spdm.message.SpdmCode;
import io.teeio.spdm.message.SpdmHeader;
import io.teeio.spdm.message.SpdmVersion;
import io.teeio.spdm.message.VendorDefined;
import io.teeio.spdm.responder.SpdmResponder;
import io.teeio.spdm.transport.InMemoryTransport;
import io.teeio.spdm.transport.SecuredMessageBinding;
import io.teeio.spdm.transport.SpdmPacket;
import io.teeio.trace.RecordingSink;
import io.teeio.trace.TimeSource;
import io.teeio.trace.TraceEvent;
import io.teeio.trace.Tracer;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random and mutated plain messages and secured records (random, altered, or sealed properly around random
 * or altered requests) to a responder with an open session: it always answers with a well-formed SPDM
 * response, a plain request never gets a sealed answer, nothing is thrown out of it, and nothing fails inside
 * it (no "internal failure" answered as Unspecified).
 */
class ResponderNeverThrowsPropertyTest {
    private static final BaseAsymAlgo ASYM = BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P256;
    private static final BaseHashAlgo HASH = BaseHashAlgo.TPM_ALG_SHA_256;
    private static final SpdmVersion V = SpdmVersion.V1_2;

    /** What to feed the responder. */
    enum Kind { PLAIN_RANDOM, PLAIN_MUTATED, RECORD_RANDOM, RECORD_MUTATED, SEALED_RANDOM, SEALED_MUTATED }

    /** One input, described so it can be built against the session of the try. */
    record Input(Kind kind, int base, byte[] bytes, int position, int xor, int mode, boolean shaped) {
    }

    @Provide
    Arbitrary<Input> inputs() {
        return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 1000),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(80), Arbitraries.integers().between(0, 100_000),
                Arbitraries.integers().between(1, 255), Arbitraries.integers().between(0, 2),
                Arbitraries.of(true, false)).as(Input::new);
    }

    /** A valid request of every kind the responder knows (suite: SHA-256, secp256r1, AES-256-GCM). */
    private static List<byte[]> validRequests() {
        byte[] dhe;
        try (DheKeyPair k = TestPeers.crypto(53).generateDheKeyPair(DheGroup.SECP256R1)) {
            dhe = k.publicValue();
        }
        Bytes opaque = Bytes.of(OpaqueData.supportedSecuredMessageVersions(List.of(V)).encode(V));
        return List.of(new GetVersion().encode(),
                new GetCapabilities(V, 0, 0, RequesterConfig.DEFAULT_FLAGS, 0x1200, 0x1200).encode(),
                new NegotiateAlgorithms(V, 1, 2, ASYM.mask(), HASH.mask(), List.of(), List.of(),
                        List.of(new AlgStruct(AlgStruct.DHE, DheGroup.SECP256R1.mask()),
                                new AlgStruct(AlgStruct.AEAD, AeadAlgo.AES_256_GCM.mask()),
                                new AlgStruct(AlgStruct.KEY_SCHEDULE, 1)), 0).encode(),
                new GetDigests(V).encode(), new GetCertificate(V, 0, 0, 0, 0x400).encode(),
                new Challenge(V, 0, 0xFF, Bytes.zeros(32), Bytes.EMPTY).encode(),
                new GetMeasurements(V, 0, 0, Bytes.EMPTY, 0, Bytes.EMPTY).encode(),
                new GetMeasurements(V, 1, 0xFF, Bytes.zeros(32), 0, Bytes.EMPTY).encode(),
                new KeyExchange(V, 0xFF, 0, 0x1234, 0, Bytes.zeros(32), Bytes.of(dhe), opaque).encode(),
                new Finish(V, 0, 0, Bytes.EMPTY, Bytes.zeros(HASH.size())).encode(), new Heartbeat(V).encode(),
                new KeyUpdate(V, KeyUpdate.UPDATE_KEY, 1).encode(), new KeyUpdate(V, KeyUpdate.UPDATE_ALL_KEYS, 2)
                        .encode(), new KeyUpdate(V, KeyUpdate.VERIFY_NEW_KEY, 3).encode(),
                new EndSession(V, 0).encode(), VendorDefined.pciSigRequest(V, Bytes.of((byte) 1)).encode(),
                new RespondIfReady(V, SpdmCode.GET_DIGESTS, 1).encode());
    }

    private static final List<byte[]> VALID = validRequests();

    private static byte[] mutate(byte[] valid, Input in) {
        byte[] b = valid.clone();
        int at = in.position() % (b.length + 1);
        return switch (in.mode()) {
            case 0 -> Arrays.copyOf(b, at);
            case 1 -> {
                if (b.length > 0) {
                    b[at % b.length] ^= (byte) in.xor();
                }
                yield b;
            }
            default -> {
                byte[] longer = Arrays.copyOf(b, b.length + in.bytes().length);
                System.arraycopy(in.bytes(), 0, longer, b.length, in.bytes().length);
                if (longer.length > 0) {
                    longer[at % longer.length] ^= (byte) in.xor();
                }
                yield longer;
            }
        };
    }

    /** Random bytes that pass the first checks: the negotiated version and a request code. */
    private static byte[] shaped(Input in) {
        byte[] b = in.bytes().clone();
        if (in.shaped() && b.length >= 2) {
            b[0] = (byte) V.headerByte();
            b[1] |= (byte) 0x80;
        }
        return b;
    }

    private static byte[] sessionIdFirst(SpdmSession s, byte[] tail) {
        byte[] b = new byte[4 + tail.length];
        int id = s.id().value();
        for (int i = 0; i < 4; i++) {
            b[i] = (byte) (id >>> (8 * i));
        }
        System.arraycopy(tail, 0, b, 4, tail.length);
        return b;
    }

    private static SpdmPacket build(Input in, SpdmSession s) throws Exception {
        byte[] valid = VALID.get(in.base() % VALID.size());
        return switch (in.kind()) {
            case PLAIN_RANDOM -> SpdmPacket.plain(shaped(in));
            case PLAIN_MUTATED -> SpdmPacket.plain(mutate(valid, in));
            case RECORD_RANDOM -> SpdmPacket.secured(in.shaped() ? sessionIdFirst(s, in.bytes()) : in.bytes());
            case RECORD_MUTATED -> SpdmPacket.secured(mutate(s.channel().seal(valid), in));
            case SEALED_RANDOM -> SpdmPacket.secured(s.channel().seal(shaped(in)));
            case SEALED_MUTATED -> SpdmPacket.secured(s.channel().seal(mutate(valid, in)));
        };
    }

    @Property(tries = 150)
    void responderWithAnOpenSessionAnswersAnythingWellFormedAndNeverThrows(@ForAll("inputs") Input in)
            throws Exception {
        RecordingSink sink = new RecordingSink();
        SpdmResponder responder = new SpdmResponder(TestPeers.responderConfig(ASYM).build(), TestPeers.crypto(51),
                SecuredMessageBinding.PCI_DOE, new Tracer(sink, TimeSource.SYSTEM));
        // the chain is not what is under test here: taken as sent, to keep each try short
        SpdmRequester requester = new SpdmRequester(RequesterConfig.builder().hashes(List.of(HASH))
                .dheGroups(List.of(DheGroup.SECP256R1)).aeads(List.of(AeadAlgo.AES_256_GCM)).build(),
                new InMemoryTransport(responder::respond, SecuredMessageBinding.PCI_DOE), TestPeers.crypto(52),
                Tracer.NONE);
        requester.connect();
        requester.getDigests();
        requester.getCertificate(0);
        SpdmSession session = requester.openSession(0, 0);

        SpdmPacket request = build(in, session);
        SpdmPacket response = assertDoesNotThrow(() -> responder.respond(request));
        assertNotNull(response);
        if (!request.secured()) {
            assertFalse(response.secured(), "a plain request got a sealed answer");
        }
        if (!response.secured()) {
            byte[] b = response.bytes();
            SpdmHeader h = assertDoesNotThrow(() -> SpdmHeader.peek(b));
            assertFalse(SpdmCode.isRequest(h.code()), "answered with a request code " + SpdmCode.name(h.code()));
            if (h.code() == SpdmCode.ERROR) {
                assertDoesNotThrow(() -> ErrorResponse.read(new ByteReader(b, "ERROR")));
            }
        }
        for (TraceEvent e : sink.events()) {
            assertFalse(e.detail().contains("internal failure"), e.action() + ": " + e.detail());
        }
        assertTrue(sink.events().size() > 0);
    }
}
