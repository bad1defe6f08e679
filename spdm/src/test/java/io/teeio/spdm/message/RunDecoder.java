package io.teeio.spdm.message;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.SpdmDecodeException;
import io.teeio.spdm.vectors.LibspdmVectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decodes a captured run in order, the way a peer would: the sizes every layout needs come from what the
 * run negotiated (ALGORITHMS), the optional fields from the requests before them and the capabilities.
 * Sizes are the PROTOCOLS.md §1.5.4 table values, kept here so the test does not lean on the crypto package.
 */
final class RunDecoder {
    /** BaseHashSel bit -> H. */
    static final Map<Integer, Integer> HASH_SIZE = Map.of(0x01, 32, 0x02, 48, 0x04, 64);
    /** BaseAsymSel / ReqBaseAsymAlg bit -> S. */
    static final Map<Integer, Integer> SIGNATURE_SIZE = Map.of(0x0001, 256, 0x0002, 256, 0x0004, 384, 0x0008, 384,
            0x0010, 64, 0x0020, 512, 0x0040, 512, 0x0080, 96, 0x0100, 132);
    /** DHE AlgStruct bit -> D. */
    static final Map<Integer, Integer> DHE_SIZE = Map.of(0x01, 256, 0x02, 384, 0x04, 512, 0x08, 64, 0x10, 96, 0x20, 132);
    /** MeasurementHashAlgo bit -> digest size of a measurement. */
    static final Map<Integer, Integer> MEASUREMENT_HASH_SIZE = Map.of(0x02, 32, 0x04, 48, 0x08, 64);

    /** A logged message, what it decoded to, how many bytes read() left, and the read() call used. */
    record Decoded(LibspdmVectors.Message logged, SpdmMessage message, int remaining, Sample.Decoder decoder) {
    }

    private int requesterFlags;
    private int responderFlags;
    private int hashSize = -1;
    private int signatureSize = -1;
    private int requesterSignatureSize = -1;
    private int dheSize = -1;
    private boolean challengeSummary;
    private boolean measurementsSigned;
    private boolean keyExchangeSummary;

    /** PSK_EXCHANGE/PSK_FINISH and their responses have no codec in this package yet. */
    static boolean hasCodec(int code) {
        return switch (code) {
            case SpdmCode.PSK_EXCHANGE, SpdmCode.PSK_EXCHANGE_RSP, SpdmCode.PSK_FINISH, SpdmCode.PSK_FINISH_RSP -> false;
            default -> true;
        };
    }

    /** Decodes every message with a codec; PSK messages are skipped (not implemented). */
    static List<Decoded> decodeAll(LibspdmVectors.Run run) {
        RunDecoder d = new RunDecoder();
        List<Decoded> out = new ArrayList<>();
        for (LibspdmVectors.Message m : LibspdmVectors.messages(run)) {
            if (!hasCodec(m.code())) {
                continue;
            }
            ByteReader r = new ByteReader(m.bytes(), m.name());
            Sample.Decoder decoder = d.decoderFor(m.code());
            try {
                SpdmMessage decoded = decoder.read(r);
                d.observe(decoded);
                out.add(new Decoded(m, decoded, r.remaining(), decoder));
            } catch (SpdmDecodeException e) {
                throw new AssertionError(run + " message " + m.index() + " (" + m.name() + ") does not decode: "
                        + e.getMessage(), e);
            }
        }
        return out;
    }

    private boolean handshakeInTheClear() {
        return CapabilityFlags.has(requesterFlags, CapabilityFlags.HANDSHAKE_IN_THE_CLEAR_CAP)
                && CapabilityFlags.has(responderFlags, CapabilityFlags.HANDSHAKE_IN_THE_CLEAR_CAP);
    }

    private boolean responderMeasures() {
        return (responderFlags & CapabilityFlags.MEAS_CAP_MASK) != 0;
    }

    /** The read() call for {@code code} with the sizes and flags known at this point of the run. */
    Sample.Decoder decoderFor(int code) {
        int h = hashSize;
        int sig = signatureSize;
        int reqSig = requesterSignatureSize;
        int d = dheSize;
        boolean clear = handshakeInTheClear();
        boolean challengeSum = challengeSummary;
        boolean signed = measurementsSigned;
        boolean keSum = keyExchangeSummary;
        return switch (code) {
            case SpdmCode.GET_VERSION -> GetVersion::read;
            case SpdmCode.VERSION -> VersionResponse::read;
            case SpdmCode.GET_CAPABILITIES -> GetCapabilities::read;
            case SpdmCode.CAPABILITIES -> Capabilities::read;
            case SpdmCode.NEGOTIATE_ALGORITHMS -> NegotiateAlgorithms::read;
            case SpdmCode.ALGORITHMS -> Algorithms::read;
            case SpdmCode.GET_DIGESTS -> GetDigests::read;
            case SpdmCode.DIGESTS -> r -> Digests.read(r, h);
            case SpdmCode.GET_CERTIFICATE -> GetCertificate::read;
            case SpdmCode.CERTIFICATE -> CertificateResponse::read;
            case SpdmCode.CHALLENGE -> Challenge::read;
            case SpdmCode.CHALLENGE_AUTH -> r -> ChallengeAuth.read(r, h, sig, challengeSum);
            case SpdmCode.GET_MEASUREMENTS -> GetMeasurements::read;
            case SpdmCode.MEASUREMENTS -> r -> Measurements.read(r, signed, sig);
            case SpdmCode.KEY_EXCHANGE -> r -> KeyExchange.read(r, d);
            // ResponderVerifyData is absent from KEY_EXCHANGE_RSP exactly when the handshake is in the clear
            case SpdmCode.KEY_EXCHANGE_RSP -> r -> KeyExchangeRsp.read(r, d, h, sig, keSum, !clear);
            case SpdmCode.FINISH -> r -> Finish.read(r, h, reqSig);
            case SpdmCode.FINISH_RSP -> r -> FinishRsp.read(r, h, clear);
            case SpdmCode.HEARTBEAT -> Heartbeat::read;
            case SpdmCode.HEARTBEAT_ACK -> HeartbeatAck::read;
            case SpdmCode.KEY_UPDATE -> KeyUpdate::read;
            case SpdmCode.KEY_UPDATE_ACK -> KeyUpdateAck::read;
            case SpdmCode.END_SESSION -> EndSession::read;
            case SpdmCode.END_SESSION_ACK -> EndSessionAck::read;
            case SpdmCode.VENDOR_DEFINED_REQUEST, SpdmCode.VENDOR_DEFINED_RESPONSE -> VendorDefined::read;
            case SpdmCode.ERROR -> ErrorResponse::read;
            case SpdmCode.RESPOND_IF_READY -> RespondIfReady::read;
            default -> throw new IllegalArgumentException("no codec for " + SpdmCode.name(code));
        };
    }

    /** Takes from a decoded message what later layouts depend on. */
    void observe(SpdmMessage m) {
        if (m instanceof GetCapabilities c) {
            requesterFlags = c.flags();
        } else if (m instanceof Capabilities c) {
            responderFlags = c.flags();
        } else if (m instanceof Algorithms a) {
            hashSize = HASH_SIZE.get(a.baseHashSel());
            signatureSize = SIGNATURE_SIZE.get(a.baseAsymSel());
            requesterSignatureSize = SIGNATURE_SIZE.getOrDefault(a.reqBaseAsymAlg(), -1);
            dheSize = DHE_SIZE.getOrDefault(a.dhe(), -1);
        } else if (m instanceof Challenge c) {
            // MeasurementSummaryHash present iff the request asked for one and the responder has MEAS_CAP
            challengeSummary = c.measurementSummaryHashType() != 0 && responderMeasures();
        } else if (m instanceof GetMeasurements g) {
            measurementsSigned = g.signatureRequested();
        } else if (m instanceof KeyExchange k) {
            keyExchangeSummary = k.measurementSummaryHashType() != 0 && responderMeasures();
        }
    }
}
