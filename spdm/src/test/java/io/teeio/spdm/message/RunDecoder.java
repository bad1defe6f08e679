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

    /** A logged message, what it decoded to, and how many bytes read() left. */
    record Decoded(LibspdmVectors.Message logged, SpdmMessage message, int remaining) {
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
            try {
                out.add(new Decoded(m, d.read(m.code(), r), r.remaining()));
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

    /** Decodes the message whose header carries {@code code}, updating what later messages depend on. */
    SpdmMessage read(int code, ByteReader r) throws SpdmDecodeException {
        switch (code) {
            case SpdmCode.GET_VERSION:
                return GetVersion.read(r);
            case SpdmCode.VERSION:
                return VersionResponse.read(r);
            case SpdmCode.GET_CAPABILITIES: {
                GetCapabilities c = GetCapabilities.read(r);
                requesterFlags = c.flags();
                return c;
            }
            case SpdmCode.CAPABILITIES: {
                Capabilities c = Capabilities.read(r);
                responderFlags = c.flags();
                return c;
            }
            case SpdmCode.NEGOTIATE_ALGORITHMS:
                return NegotiateAlgorithms.read(r);
            case SpdmCode.ALGORITHMS: {
                Algorithms a = Algorithms.read(r);
                hashSize = HASH_SIZE.get(a.baseHashSel());
                signatureSize = SIGNATURE_SIZE.get(a.baseAsymSel());
                requesterSignatureSize = SIGNATURE_SIZE.getOrDefault(a.reqBaseAsymAlg(), -1);
                dheSize = DHE_SIZE.getOrDefault(a.dhe(), -1);
                return a;
            }
            case SpdmCode.GET_DIGESTS:
                return GetDigests.read(r);
            case SpdmCode.DIGESTS:
                return Digests.read(r, hashSize);
            case SpdmCode.GET_CERTIFICATE:
                return GetCertificate.read(r);
            case SpdmCode.CERTIFICATE:
                return CertificateResponse.read(r);
            case SpdmCode.CHALLENGE: {
                Challenge c = Challenge.read(r);
                challengeSummary = c.measurementSummaryHashType() != 0 && responderMeasures();
                return c;
            }
            case SpdmCode.CHALLENGE_AUTH:
                return ChallengeAuth.read(r, hashSize, signatureSize, challengeSummary);
            case SpdmCode.GET_MEASUREMENTS: {
                GetMeasurements g = GetMeasurements.read(r);
                measurementsSigned = g.signatureRequested();
                return g;
            }
            case SpdmCode.MEASUREMENTS:
                return Measurements.read(r, measurementsSigned, signatureSize);
            case SpdmCode.KEY_EXCHANGE: {
                KeyExchange k = KeyExchange.read(r, dheSize);
                keyExchangeSummary = k.measurementSummaryHashType() != 0 && responderMeasures();
                return k;
            }
            case SpdmCode.KEY_EXCHANGE_RSP:
                return KeyExchangeRsp.read(r, dheSize, hashSize, signatureSize, keyExchangeSummary, !handshakeInTheClear());
            case SpdmCode.FINISH:
                return Finish.read(r, hashSize, requesterSignatureSize);
            case SpdmCode.FINISH_RSP:
                return FinishRsp.read(r, hashSize, handshakeInTheClear());
            case SpdmCode.HEARTBEAT:
                return Heartbeat.read(r);
            case SpdmCode.HEARTBEAT_ACK:
                return HeartbeatAck.read(r);
            case SpdmCode.KEY_UPDATE:
                return KeyUpdate.read(r);
            case SpdmCode.KEY_UPDATE_ACK:
                return KeyUpdateAck.read(r);
            case SpdmCode.END_SESSION:
                return EndSession.read(r);
            case SpdmCode.END_SESSION_ACK:
                return EndSessionAck.read(r);
            case SpdmCode.VENDOR_DEFINED_REQUEST:
            case SpdmCode.VENDOR_DEFINED_RESPONSE:
                return VendorDefined.read(r);
            case SpdmCode.ERROR:
                return ErrorResponse.read(r);
            case SpdmCode.RESPOND_IF_READY:
                return RespondIfReady.read(r);
            default:
                throw new SpdmDecodeException("no codec for " + SpdmCode.name(code));
        }
    }

}
