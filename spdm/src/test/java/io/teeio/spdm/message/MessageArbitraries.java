package io.teeio.spdm.message;

import io.teeio.spdm.codec.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators of valid message records, each paired with the read() call (and sizes) that decodes it. Sizes
 * come from the real algorithm tables (PROTOCOLS.md §1.5.4): H in {32, 48, 64}, S and D the signature and
 * DHE public-value sizes of the defined algorithms.
 */
final class MessageArbitraries {
    private MessageArbitraries() {
    }

    static final List<SpdmVersion> VERSIONS =
            List.of(SpdmVersion.V1_0, SpdmVersion.V1_1, SpdmVersion.V1_2, SpdmVersion.V1_3);

    // ---- building blocks

    static Arbitrary<SpdmVersion> version() {
        return Arbitraries.of(VERSIONS);
    }

    /** Any header byte: messages whose layout does not depend on the version must carry every one. */
    static Arbitrary<SpdmVersion> anyHeaderVersion() {
        return u8().map(SpdmVersion::fromHeaderByte);
    }

    static Arbitrary<Integer> u8() {
        return Arbitraries.integers().between(0, 0xFF);
    }

    static Arbitrary<Integer> u16() {
        return Arbitraries.integers().between(0, 0xFFFF);
    }

    static Arbitrary<Integer> u32() {
        return Arbitraries.integers();
    }

    static Arbitrary<int[]> u8s(int n) {
        return u8().array(int[].class).ofSize(n);
    }

    /**
     * Content drawn from a seed rather than byte by byte: generating hundreds of shrinkable bytes per field is
     * what makes properties slow, and the content of a nonce or a signature never matters to a codec.
     */
    static Arbitrary<Bytes> bytes(int n) {
        return Arbitraries.longs().map(seed -> filled(n, seed));
    }

    static Arbitrary<Bytes> bytes(int min, int max) {
        return Combinators.combine(Arbitraries.integers().between(min, max), Arbitraries.longs()).as(MessageArbitraries::filled);
    }

    /** Seeds for content whose length is only known once the other parameters are drawn. */
    static Arbitrary<long[]> seeds(int n) {
        return Arbitraries.longs().array(long[].class).ofSize(n);
    }

    static Bytes filled(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return Bytes.of(b);
    }

    static Arbitrary<Integer> hashSize() {
        return Arbitraries.of(32, 48, 64);
    }

    /** RSA 2048/3072/4096, ECDSA P-256/P-384/P-521, Ed448. */
    static Arbitrary<Integer> signatureSize() {
        return Arbitraries.of(64, 96, 132, 256, 384, 512, 114);
    }

    /** ffdhe2048/3072/4096, secp256r1/384r1/521r1. */
    static Arbitrary<Integer> dheSize() {
        return Arbitraries.of(64, 96, 132, 256, 384, 512);
    }

    static Arbitrary<Bytes> opaque() {
        return bytes(0, 64);
    }

    // ---- VCA

    static Arbitrary<Sample> getVersion() {
        return anyHeaderVersion().map(v -> new Sample(new GetVersion(v), GetVersion::read));
    }

    static Arbitrary<VersionNumberEntry> versionNumberEntry() {
        Arbitrary<Integer> nibble = Arbitraries.integers().between(0, 15);
        return Combinators.combine(nibble, nibble, nibble, nibble).as(VersionNumberEntry::new);
    }

    static Arbitrary<Sample> versionResponse() {
        return Combinators.combine(anyHeaderVersion(), versionNumberEntry().list().ofMaxSize(20))
                .as((v, e) -> new Sample(new VersionResponse(v, e), VersionResponse::read));
    }

    static Arbitrary<Sample> getCapabilities() {
        return Combinators.combine(version(), u8(), u8(), u32(), u32(), u32()).as((v, p1, ct, flags, dts, max) ->
                new Sample(new GetCapabilities(v, p1, since11(v, ct), since11(v, flags), since12(v, dts), since12(v, max)),
                        GetCapabilities::read, "layout " + v));
    }

    static Arbitrary<Sample> capabilities() {
        return Combinators.combine(version(), u8(), u8(), u32(), u32(), u32()).as((v, p1, ct, flags, dts, max) ->
                new Sample(new Capabilities(v, p1, ct, flags, since12(v, dts), since12(v, max)),
                        Capabilities::read, "layout " + v));
    }

    private static int since11(SpdmVersion v, int value) {
        return v.atLeast(SpdmVersion.V1_1) ? value : 0;
    }

    private static int since12(SpdmVersion v, int value) {
        return v.atLeast(SpdmVersion.V1_2) ? value : 0;
    }

    static Arbitrary<AlgStruct> algStruct() {
        return Combinators.combine(u8(), u16(), u32().list().ofMaxSize(15)).as(AlgStruct::new);
    }

    /** AlgStructs exist from 1.1 on; a 1.0 message has none. */
    private static List<AlgStruct> algStructsOf(SpdmVersion v, List<AlgStruct> structs) {
        return v.atLeast(SpdmVersion.V1_1) ? structs : List.of();
    }

    static Arbitrary<Sample> negotiateAlgorithms() {
        return Combinators.combine(version(), u8s(3), u32(), u32(), u32().list().ofMaxSize(8),
                u32().list().ofMaxSize(8), algStruct().list().ofMaxSize(6)).as((v, b, asym, hash, extAsym, extHash, structs) ->
                new Sample(new NegotiateAlgorithms(v, b[0], b[1], asym, hash, extAsym, extHash, algStructsOf(v, structs),
                        b[2]), NegotiateAlgorithms::read));
    }

    static Arbitrary<Sample> algorithms() {
        return Combinators.combine(version(), u8s(3), u32(), u32(), u32(), u32().list().ofMaxSize(8),
                u32().list().ofMaxSize(8), algStruct().list().ofMaxSize(6))
                .as((v, b, measHash, asym, hash, extAsym, extHash, structs) -> new Sample(new Algorithms(v, b[0], b[1],
                        measHash, asym, hash, extAsym, extHash, algStructsOf(v, structs), b[2]), Algorithms::read));
    }

    // ---- authentication

    static Arbitrary<Sample> getDigests() {
        return anyHeaderVersion().map(v -> new Sample(new GetDigests(v), GetDigests::read));
    }

    static Arbitrary<Sample> digests() {
        return Combinators.combine(anyHeaderVersion(), u8(), u8(), hashSize(), Arbitraries.longs()).as((v, p1, mask, h, seed) -> {
            List<Bytes> list = new ArrayList<>();
            for (int i = 0; i < Integer.bitCount(mask); i++) {
                list.add(filled(h, seed + i));
            }
            return new Sample(new Digests(v, p1, mask, list), r -> Digests.read(r, h), "H=" + h);
        });
    }

    static Arbitrary<Sample> getCertificate() {
        return Combinators.combine(anyHeaderVersion(), u8(), u8(), u16(), u16()).as((v, slot, p2, offset, length) ->
                new Sample(new GetCertificate(v, slot, p2, offset, length), GetCertificate::read));
    }

    static Arbitrary<Sample> certificateResponse() {
        return Combinators.combine(anyHeaderVersion(), u8(), u8(), bytes(0, 600), u16()).as((v, slot, p2, portion, rest) ->
                new Sample(new CertificateResponse(v, slot, p2, portion, rest), CertificateResponse::read));
    }

    static Arbitrary<Sample> challenge() {
        return Combinators.combine(version(), u8(), u8(), bytes(32), bytes(8)).as((v, slot, type, nonce, ctx) ->
                new Sample(new Challenge(v, slot, type, nonce, contextOf(v, ctx)), Challenge::read));
    }

    /** RequesterContext exists from 1.3 on. */
    static Bytes contextOf(SpdmVersion v, Bytes eightBytes) {
        return v.atLeast(SpdmVersion.V1_3) ? eightBytes : Bytes.EMPTY;
    }

    static Arbitrary<Sample> challengeAuth() {
        return Combinators.combine(version(), hashSize(), signatureSize(), Arbitraries.of(true, false), u8s(2), seeds(4),
                opaque(), bytes(8)).as((v, h, s, summary, p, seed, opq, ctx) ->
                new Sample(new ChallengeAuth(v, p[0], p[1], filled(h, seed[0]), filled(32, seed[1]),
                        filled(summary ? h : 0, seed[2]), opq, contextOf(v, ctx), filled(s, seed[3])),
                        r -> ChallengeAuth.read(r, h, s, summary), "H=" + h + " S=" + s + (summary ? " summary" : "")));
    }

    // ---- measurements

    static Arbitrary<Sample> getMeasurements() {
        return Combinators.combine(version(), u8(), u8(), bytes(32), u8(), bytes(8)).as((v, attributes, op, nonce, slot, ctx) -> {
            boolean signed = (attributes & GetMeasurements.SIGNATURE_REQUESTED) != 0;
            // SlotIDParam exists from 1.1 on, and only with a signature
            int slotParam = signed && v.atLeast(SpdmVersion.V1_1) ? slot : 0;
            return new Sample(new GetMeasurements(v, attributes, op, signed ? nonce : Bytes.EMPTY, slotParam,
                    contextOf(v, ctx)), GetMeasurements::read, signed ? "signed" : "unsigned");
        });
    }

    static Arbitrary<DmtfMeasurement> dmtfMeasurement() {
        return Combinators.combine(u8(), bytes(0, 80)).as(DmtfMeasurement::new);
    }

    static Arbitrary<MeasurementBlock> measurementBlock() {
        Arbitrary<MeasurementBlock> dmtf = Combinators.combine(Arbitraries.integers().between(1, 0xFE), dmtfMeasurement())
                .as(MeasurementBlock::dmtf);
        Arbitrary<MeasurementBlock> other = Combinators.combine(Arbitraries.integers().between(1, 0xFE), u8(), bytes(0, 80))
                .as(MeasurementBlock::new);
        return Arbitraries.oneOf(dmtf, other);
    }

    static Arbitrary<Sample> measurements() {
        return Combinators.combine(version(), Arbitraries.of(true, false), signatureSize(), u8s(2),
                measurementBlock().list().ofMaxSize(5), seeds(2), opaque(), bytes(8))
                .as((v, signed, s, p, blocks, seed, opq, ctx) -> new Sample(new Measurements(v, p[0], p[1], blocks.size(),
                        Bytes.of(MeasurementBlock.encodeAll(blocks)),
                        filled(Measurements.noncePresent(v, signed) ? 32 : 0, seed[0]), opq, contextOf(v, ctx),
                        filled(signed ? s : 0, seed[1])),
                        r -> Measurements.read(r, signed, s), signed ? "signed S=" + s : "unsigned"));
    }

    // ---- vendor-defined and errors

    static Arbitrary<Sample> vendorDefined() {
        return Combinators.combine(anyHeaderVersion(), Arbitraries.of(true, false), u16(), bytes(0, 255), bytes(0, 300))
                .as((v, request, standard, vendor, payload) ->
                        new Sample(new VendorDefined(v, request, standard, vendor, payload), VendorDefined::read));
    }

    static Arbitrary<ErrorResponse.ResponseNotReady> responseNotReady() {
        return u8s(4).map(b -> new ErrorResponse.ResponseNotReady(b[0], b[1], b[2], b[3]));
    }

    /** Every defined error code; ResponseNotReady with its 4-byte extended data, the others with 0..32 bytes. */
    static Arbitrary<Sample> errorResponse() {
        return Combinators.combine(anyHeaderVersion(), Arbitraries.of(SpdmErrorCode.class), u8(), bytes(0, 32),
                responseNotReady()).as((v, code, data, ext, rnr) -> code == SpdmErrorCode.RESPONSE_NOT_READY
                        ? errorSample(new ErrorResponse(v, code.value(), data, Bytes.of(rnr.encode())))
                        : errorSample(new ErrorResponse(v, code.value(), data, ext)));
    }

    /** ERROR codes no version defines: decoded all the same, extended data kept opaque. */
    static Arbitrary<Sample> errorResponseWithUndefinedCode() {
        return Combinators.combine(anyHeaderVersion(), u8().filter(c -> SpdmErrorCode.of(c).isEmpty()), u8(), bytes(0, 32))
                .as((v, code, data, ext) -> errorSample(new ErrorResponse(v, code, data, ext)));
    }

    static Sample errorSample(ErrorResponse e) {
        boolean fixedLength = e.errorCode() == SpdmErrorCode.RESPONSE_NOT_READY.value();
        return new Sample(e, ErrorResponse::read, "", fixedLength ? e.encode().length : 4);
    }

    static Arbitrary<Sample> respondIfReady() {
        return Combinators.combine(anyHeaderVersion(), u8(), u8())
                .as((v, code, token) -> new Sample(new RespondIfReady(v, code, token), RespondIfReady::read));
    }

    // ---- sessions

    static Arbitrary<Sample> keyExchange() {
        return Combinators.combine(anyHeaderVersion(), dheSize(), u8s(3), u16(), seeds(2), opaque())
                .as((v, d, p, session, seed, opq) -> new Sample(new KeyExchange(v, p[0], p[1], session, p[2],
                        filled(32, seed[0]), filled(d, seed[1]), opq), r -> KeyExchange.read(r, d), "D=" + d));
    }

    static Arbitrary<Sample> keyExchangeRsp() {
        return Combinators.combine(anyHeaderVersion(), dheSize(), hashSize(), signatureSize(), u8s(5), u16(), seeds(5),
                opaque()).as((v, d, h, s, p, session, seed, opq) -> {
                    boolean summary = (p[3] & 1) != 0;
                    boolean verify = (p[4] & 1) != 0;
                    return new Sample(new KeyExchangeRsp(v, p[0], session, p[1], p[2], filled(32, seed[0]),
                            filled(d, seed[1]), filled(summary ? h : 0, seed[2]), opq, filled(s, seed[3]),
                            filled(verify ? h : 0, seed[4])), r -> KeyExchangeRsp.read(r, d, h, s, summary, verify),
                            "D=" + d + " H=" + h + " S=" + s + (summary ? " summary" : "") + (verify ? " verify" : ""));
                });
    }

    static Arbitrary<Sample> finish() {
        return Combinators.combine(anyHeaderVersion(), hashSize(), signatureSize(), u8s(2), seeds(2)).as((v, h, s, p, seed) -> {
            boolean signed = (p[0] & Finish.SIGNATURE_INCLUDED) != 0;
            return new Sample(new Finish(v, p[0], p[1], filled(signed ? s : 0, seed[0]), filled(h, seed[1])),
                    r -> Finish.read(r, h, s), "H=" + h + " S=" + s);
        });
    }

    static Arbitrary<Sample> finishRsp() {
        return Combinators.combine(anyHeaderVersion(), hashSize(), Arbitraries.of(true, false), Arbitraries.longs())
                .as((v, h, verify, seed) -> new Sample(new FinishRsp(v, filled(verify ? h : 0, seed)),
                        r -> FinishRsp.read(r, h, verify), "H=" + h + (verify ? " verify" : "")));
    }

    static Arbitrary<Sample> heartbeat() {
        return anyHeaderVersion().map(v -> new Sample(new Heartbeat(v), Heartbeat::read));
    }

    static Arbitrary<Sample> heartbeatAck() {
        return anyHeaderVersion().map(v -> new Sample(new HeartbeatAck(v), HeartbeatAck::read));
    }

    static Arbitrary<Sample> keyUpdate() {
        return Combinators.combine(anyHeaderVersion(), u8(), u8())
                .as((v, op, tag) -> new Sample(new KeyUpdate(v, op, tag), KeyUpdate::read));
    }

    static Arbitrary<Sample> keyUpdateAck() {
        return Combinators.combine(anyHeaderVersion(), u8(), u8())
                .as((v, op, tag) -> new Sample(new KeyUpdateAck(v, op, tag), KeyUpdateAck::read));
    }

    static Arbitrary<Sample> endSession() {
        return Combinators.combine(anyHeaderVersion(), u8())
                .as((v, attributes) -> new Sample(new EndSession(v, attributes), EndSession::read));
    }

    static Arbitrary<Sample> endSessionAck() {
        return anyHeaderVersion().map(v -> new Sample(new EndSessionAck(v), EndSessionAck::read));
    }

    // ---- opaque data (not a message: encoded per version, decoded from its exact bytes)

    static Arbitrary<OpaqueData.Element> opaqueElement() {
        return Combinators.combine(u8(), bytes(0, 12), bytes(0, 64)).as(OpaqueData.Element::new);
    }

    static Arbitrary<OpaqueData> opaqueData() {
        return opaqueElement().list().ofMaxSize(6).map(OpaqueData::new);
    }

    /** The versions whose opaque-data header differs: 1.1 (DMTF SpecID header) and 1.2+ (TotalElements). */
    static Arbitrary<SpdmVersion> opaqueDataVersion() {
        return Arbitraries.of(SpdmVersion.V1_1, SpdmVersion.V1_2, SpdmVersion.V1_3);
    }

    static Arbitrary<SpdmVersion> securedMessageVersion() {
        Arbitrary<Integer> nibble = Arbitraries.integers().between(0, 15);
        return Combinators.combine(nibble, nibble).as(SpdmVersion::new);
    }

    // ---- everything

    static Arbitrary<Sample> anyMessage() {
        return Arbitraries.oneOf(List.of(getVersion(), versionResponse(), getCapabilities(), capabilities(),
                negotiateAlgorithms(), algorithms(), getDigests(), digests(), getCertificate(), certificateResponse(),
                challenge(), challengeAuth(), getMeasurements(), measurements(), vendorDefined(), errorResponse(),
                errorResponseWithUndefinedCode(), respondIfReady(), keyExchange(), keyExchangeRsp(), finish(),
                finishRsp(), heartbeat(), heartbeatAck(), keyUpdate(), keyUpdateAck(), endSession(), endSessionAck()));
    }
}
