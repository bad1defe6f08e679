package io.teeio.spdm.message;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever bytes arrive, a decoder answers with a record or a SpdmDecodeException: no IndexOutOfBounds,
 * IllegalArgumentException from a record constructor, NegativeArraySize or anything else. Inputs are random
 * bytes and valid encodings after bit flips, truncation, extension and overwritten (length) fields; every
 * read() is tried with several size parameters, and the views a decoded record offers (blocks, DMTF
 * measurement, ResponseNotReady data, opaque elements) are exercised too.
 */
class DecoderRobustnessTest {

    /** Sizes a caller may pass: the real H, S, D values, and odd ones. */
    record Sizes(int hash, int signature, int dhe, boolean first, boolean second) {
    }

    /** Every read() of the package, bound to {@code z}. */
    static Map<String, Sample.Decoder> decoders(Sizes z) {
        return Map.ofEntries(
                Map.entry("GetVersion", GetVersion::read),
                Map.entry("VersionResponse", VersionResponse::read),
                Map.entry("GetCapabilities", GetCapabilities::read),
                Map.entry("Capabilities", Capabilities::read),
                Map.entry("NegotiateAlgorithms", NegotiateAlgorithms::read),
                Map.entry("Algorithms", Algorithms::read),
                Map.entry("GetDigests", GetDigests::read),
                Map.entry("Digests", r -> Digests.read(r, z.hash())),
                Map.entry("GetCertificate", GetCertificate::read),
                Map.entry("CertificateResponse", CertificateResponse::read),
                Map.entry("Challenge", Challenge::read),
                Map.entry("ChallengeAuth", r -> ChallengeAuth.read(r, z.hash(), z.signature(), z.first())),
                Map.entry("GetMeasurements", GetMeasurements::read),
                Map.entry("Measurements", r -> Measurements.read(r, z.first(), z.signature())),
                Map.entry("VendorDefined", VendorDefined::read),
                Map.entry("ErrorResponse", ErrorResponse::read),
                Map.entry("RespondIfReady", RespondIfReady::read),
                Map.entry("KeyExchange", r -> KeyExchange.read(r, z.dhe())),
                Map.entry("KeyExchangeRsp",
                        r -> KeyExchangeRsp.read(r, z.dhe(), z.hash(), z.signature(), z.first(), z.second())),
                Map.entry("Finish", r -> Finish.read(r, z.hash(), z.signature())),
                Map.entry("FinishRsp", r -> FinishRsp.read(r, z.hash(), z.first())),
                Map.entry("Heartbeat", Heartbeat::read),
                Map.entry("HeartbeatAck", HeartbeatAck::read),
                Map.entry("KeyUpdate", KeyUpdate::read),
                Map.entry("KeyUpdateAck", KeyUpdateAck::read),
                Map.entry("EndSession", EndSession::read),
                Map.entry("EndSessionAck", EndSessionAck::read),
                Map.entry("SpdmHeader", r -> {
                    SpdmHeader.read(r);
                    return null;
                }));
    }

    private static final List<SpdmVersion> OPAQUE_VERSIONS = List.of(SpdmVersion.V1_1, SpdmVersion.V1_2);

    /** Runs {@code decoder} and, when it yields a record, every decoding view of that record. */
    private static void decodeAndInspect(Sample.Decoder decoder, byte[] input) {
        try {
            SpdmMessage m = decoder.read(new ByteReader(input, "fuzz"));
            if (m != null) {
                inspect(m);
            }
        } catch (SpdmDecodeException e) {
            assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "a decode error must say what is wrong");
        }
    }

    private static void inspect(SpdmMessage m) throws SpdmDecodeException {
        if (m instanceof Measurements x) {
            for (MeasurementBlock b : x.blocks()) {
                if (b.measurementSpecification() == MeasurementBlock.DMTF) {
                    b.dmtf();
                }
            }
        } else if (m instanceof ErrorResponse x) {
            x.responseNotReady();
        } else if (m instanceof KeyExchange x) {
            OpaqueData.decode(x.opaqueData(), x.version()).supportedSecuredMessageVersions();
        } else if (m instanceof KeyExchangeRsp x) {
            OpaqueData.decode(x.opaqueData(), x.version()).securedMessageVersionSelection();
        }
    }

    /** The decoders that take a byte string rather than a reader. */
    private static void decodeBytesViews(byte[] input, int count) {
        Bytes b = Bytes.of(input);
        for (SpdmVersion v : OPAQUE_VERSIONS) {
            try {
                OpaqueData d = OpaqueData.decode(b, v);
                d.supportedSecuredMessageVersions();
                d.securedMessageVersionSelection();
            } catch (SpdmDecodeException e) {
                assertFalse(e.getMessage().isBlank());
            }
        }
        try {
            MeasurementBlock.decodeAll(b, count);
        } catch (SpdmDecodeException e) {
            assertFalse(e.getMessage().isBlank());
        }
        try {
            DmtfMeasurement.decode(b);
        } catch (SpdmDecodeException e) {
            assertFalse(e.getMessage().isBlank());
        }
    }

    @Property(tries = 2000)
    void randomBytesYieldOnlyDecodeErrors(@ForAll("randomInputs") byte[] input, @ForAll("sizes") Sizes sizes,
            @ForAll("blockCounts") int count) {
        decoders(sizes).values().forEach(d -> decodeAndInspect(d, input));
        decodeBytesViews(input, count);
    }

    @Property(tries = 3000)
    void mutatedEncodingsYieldOnlyDecodeErrors(@ForAll("mutated") Mutated m, @ForAll("sizes") Sizes sizes,
            @ForAll("blockCounts") int count) {
        decodeAndInspect(m.origin().decoder(), m.bytes());
        decoders(sizes).values().forEach(d -> decodeAndInspect(d, m.bytes()));
        decodeBytesViews(m.bytes(), count);
    }

    @Property(tries = 1000)
    void mutatedOpaqueDataYieldsOnlyDecodeErrors(@ForAll("mutatedOpaque") byte[] input, @ForAll("blockCounts") int count) {
        decodeBytesViews(input, count);
    }

    // ---- inputs

    /** A valid encoding after 1..3 mutations. */
    record Mutated(Sample origin, byte[] bytes) {
        @Override
        public String toString() {
            return origin + " mutated to " + Bytes.of(bytes);
        }
    }

    /** One change to an encoding; position is taken modulo the length. */
    record Mutation(int kind, int position, int value, byte[] tail) {
        byte[] apply(byte[] in) {
            if (in.length == 0) {
                return tail.clone();
            }
            int at = Math.floorMod(position, in.length);
            byte[] out = in.clone();
            switch (kind) {
                case 0 -> out[at] ^= (byte) (1 << (value & 7));
                case 1 -> out = Arrays.copyOf(in, at);
                case 2 -> {
                    out = Arrays.copyOf(in, in.length + tail.length);
                    System.arraycopy(tail, 0, out, in.length, tail.length);
                }
                case 3 -> out[at] = (byte) value;
                case 4 -> { // a random 16-bit value where a length field may be: offsets 4..10 hold most of them
                    int field = Math.min(4 + Math.floorMod(position, 7), in.length - 1);
                    out[field] = (byte) value;
                    if (field + 1 < out.length) {
                        out[field + 1] = (byte) (value >> 8);
                    }
                }
                default -> { // a random 16-bit value anywhere (opaque, portion and element lengths)
                    out[at] = (byte) value;
                    if (at + 1 < out.length) {
                        out[at + 1] = (byte) (value >> 8);
                    }
                }
            }
            return out;
        }
    }

    static Arbitrary<Mutation> mutation() {
        Arbitrary<Integer> value = Arbitraries.oneOf(Arbitraries.integers().between(0, 0xFFFF),
                Arbitraries.of(0, 1, 0xFF, 0x100, 0x7FFF, 0xFFFF));
        return Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 1 << 16),
                value, MessageArbitraries.bytes(1, 40).map(Bytes::toByteArray)).as(Mutation::new);
    }

    @Provide
    Arbitrary<Mutated> mutated() {
        return Combinators.combine(MessageArbitraries.anyMessage(), mutation().list().ofMinSize(1).ofMaxSize(3))
                .as((s, ms) -> {
                    byte[] b = s.bytes();
                    for (Mutation m : ms) {
                        b = m.apply(b);
                    }
                    return new Mutated(s, b);
                });
    }

    @Provide
    Arbitrary<byte[]> mutatedOpaque() {
        Arbitrary<byte[]> valid = Combinators.combine(MessageArbitraries.opaqueData(), MessageArbitraries.opaqueDataVersion())
                .as((d, v) -> d.encode(v));
        return Combinators.combine(valid, mutation().list().ofMinSize(1).ofMaxSize(3)).as((b, ms) -> {
            for (Mutation m : ms) {
                b = m.apply(b);
            }
            return b;
        });
    }

    /** Random bytes, often starting with a real header so the body decoders are reached. */
    @Provide
    Arbitrary<byte[]> randomInputs() {
        Arbitrary<byte[]> raw = MessageArbitraries.bytes(0, 300).map(Bytes::toByteArray);
        Arbitrary<byte[]> withHeader = Combinators.combine(Arbitraries.of(0x10, 0x11, 0x12, 0x13),
                Arbitraries.of(allCodes()), raw).as((v, code, body) -> {
                    byte[] b = new byte[body.length + 2];
                    b[0] = (byte) (int) v;
                    b[1] = (byte) (int) code;
                    System.arraycopy(body, 0, b, 2, body.length);
                    return b;
                });
        return Arbitraries.oneOf(raw, withHeader);
    }

    private static List<Integer> allCodes() {
        return List.of(SpdmCode.GET_VERSION, SpdmCode.VERSION, SpdmCode.GET_CAPABILITIES, SpdmCode.CAPABILITIES,
                SpdmCode.NEGOTIATE_ALGORITHMS, SpdmCode.ALGORITHMS, SpdmCode.GET_DIGESTS, SpdmCode.DIGESTS,
                SpdmCode.GET_CERTIFICATE, SpdmCode.CERTIFICATE, SpdmCode.CHALLENGE, SpdmCode.CHALLENGE_AUTH,
                SpdmCode.GET_MEASUREMENTS, SpdmCode.MEASUREMENTS, SpdmCode.VENDOR_DEFINED_REQUEST,
                SpdmCode.VENDOR_DEFINED_RESPONSE, SpdmCode.ERROR, SpdmCode.RESPOND_IF_READY, SpdmCode.KEY_EXCHANGE,
                SpdmCode.KEY_EXCHANGE_RSP, SpdmCode.FINISH, SpdmCode.FINISH_RSP, SpdmCode.HEARTBEAT,
                SpdmCode.HEARTBEAT_ACK, SpdmCode.KEY_UPDATE, SpdmCode.KEY_UPDATE_ACK, SpdmCode.END_SESSION,
                SpdmCode.END_SESSION_ACK);
    }

    @Provide
    Arbitrary<Sizes> sizes() {
        Arbitrary<Integer> size = Arbitraries.oneOf(Arbitraries.of(0, 1, 32, 48, 64, 96, 132, 256, 384, 512, 0xFFFF, -1),
                Arbitraries.integers().between(0, 600));
        Arbitrary<Boolean> flag = Arbitraries.of(true, false);
        return Combinators.combine(size, size, size, flag, flag).as(Sizes::new);
    }

    @Provide
    Arbitrary<Integer> blockCounts() {
        return Arbitraries.oneOf(Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 0xFF));
    }
}
