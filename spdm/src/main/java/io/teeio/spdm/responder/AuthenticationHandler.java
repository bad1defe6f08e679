package io.teeio.spdm.responder;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;
import io.teeio.spdm.connection.Negotiated;
import io.teeio.spdm.connection.SigningContext;
import io.teeio.spdm.cert.DeviceIdentity;
import io.teeio.spdm.crypto.SpdmCrypto;
import io.teeio.spdm.measurement.DeviceMeasurements;
import io.teeio.spdm.message.CapabilityFlags;
import io.teeio.spdm.message.CertificateResponse;
import io.teeio.spdm.message.Challenge;
import io.teeio.spdm.message.ChallengeAuth;
import io.teeio.spdm.message.Digests;
import io.teeio.spdm.message.GetCertificate;
import io.teeio.spdm.message.GetDigests;
import io.teeio.spdm.message.SpdmCode;
import io.teeio.spdm.message.SpdmErrorCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** GET_DIGESTS, GET_CERTIFICATE and CHALLENGE. */
final class AuthenticationHandler {
    private final ResponderConfig config;
    private final ResponderConnection conn;
    private final SpdmCrypto crypto;

    AuthenticationHandler(ResponderConfig config, ResponderConnection conn, SpdmCrypto crypto) {
        this.config = config;
        this.conn = conn;
        this.crypto = crypto;
    }

    /** Slots usable under the negotiated algorithm, as DIGESTS reports them. */
    int slotMask() {
        int mask = 0;
        for (var e : config.slots().entrySet()) {
            if (e.getValue().asym() == conn.negotiated.baseAsym()) {
                mask |= 1 << e.getKey();
            }
        }
        return mask;
    }

    DeviceIdentity slot(int slot, String request) throws SpdmErrorException {
        if (slot < 0 || slot > 7 || (slotMask() & 1 << slot) == 0) {
            throw new SpdmErrorException(SpdmErrorCode.INVALID_REQUEST,
                    request + ": slot " + slot + " holds no certificate chain for " + conn.negotiated.baseAsym());
        }
        return config.slots().get(slot);
    }

    byte[] chainBytes(DeviceIdentity s) {
        return s.chain().encode(conn.negotiated.baseHash(), crypto);
    }

    private void requireCap(int flag, int code) throws SpdmErrorException {
        if (!conn.negotiated.responderHas(flag)) {
            throw new SpdmErrorException(SpdmErrorCode.UNSUPPORTED_REQUEST, code,
                    SpdmCode.name(code) + " is not supported by this responder");
        }
    }

    byte[] getDigests(ByteReader r, byte[] raw, boolean inSession) throws SpdmDecodeException, SpdmErrorException {
        requireCap(CapabilityFlags.CERT_CAP, SpdmCode.GET_DIGESTS);
        GetDigests req = GetDigests.read(r);
        int mask = slotMask();
        List<Bytes> digests = new ArrayList<>();
        for (int s = 0; s < 8; s++) {
            if ((mask & 1 << s) != 0) {
                digests.add(Bytes.of(crypto.hash(conn.negotiated.baseHash(), chainBytes(config.slots().get(s)))));
            }
        }
        byte[] out = new Digests(req.version(), 0, mask, digests).encode();
        if (!inSession) {
            conn.transcripts.b().append(Arrays.copyOf(raw, r.position())).append(out);
        }
        return out;
    }

    byte[] getCertificate(ByteReader r, byte[] raw, boolean inSession) throws SpdmDecodeException, SpdmErrorException {
        requireCap(CapabilityFlags.CERT_CAP, SpdmCode.GET_CERTIFICATE);
        GetCertificate req = GetCertificate.read(r);
        byte[] chain = chainBytes(slot(req.slot() & 0x0F, "GET_CERTIFICATE"));
        if (req.offset() >= chain.length) {
            throw new SpdmErrorException(SpdmErrorCode.INVALID_REQUEST, "GET_CERTIFICATE: offset " + req.offset()
                    + " is beyond the " + chain.length + "-byte chain");
        }
        Negotiated n = conn.negotiated;
        // Without chunking a portion must fit both sides' DataTransferSize in one message (8-byte header).
        int cap = Math.min(n.responderDataTransferSize(), n.requesterDataTransferSize() == 0
                ? n.responderDataTransferSize() : n.requesterDataTransferSize()) - 8;
        int length = Math.min(Math.min(req.length(), cap), chain.length - req.offset());
        Bytes portion = Bytes.of(chain, req.offset(), length);
        int remainder = chain.length - req.offset() - length;
        byte[] out = new CertificateResponse(req.version(), req.slot() & 0x0F, 0, portion, remainder).encode();
        if (!inSession) {
            conn.transcripts.b().append(Arrays.copyOf(raw, r.position())).append(out);
        }
        return out;
    }

    byte[] challenge(ByteReader r, byte[] raw) throws SpdmDecodeException, SpdmErrorException {
        requireCap(CapabilityFlags.CHAL_CAP, SpdmCode.CHALLENGE);
        Challenge req = Challenge.read(r);
        DeviceIdentity s = slot(req.slot(), "CHALLENGE");
        int summaryType = req.measurementSummaryHashType();
        boolean measures = conn.negotiated.responderMeasures();
        if (summaryType != DeviceMeasurements.SUMMARY_NONE && summaryType != DeviceMeasurements.SUMMARY_TCB
                && summaryType != DeviceMeasurements.SUMMARY_ALL) {
            throw new SpdmErrorException(SpdmErrorCode.INVALID_REQUEST,
                    "CHALLENGE: MeasurementSummaryHashType 0x" + Integer.toHexString(summaryType) + " is not defined");
        }
        if (summaryType != 0 && !measures) {
            throw new SpdmErrorException(SpdmErrorCode.INVALID_REQUEST,
                    "CHALLENGE: a measurement summary hash was asked of a responder without MEAS_CAP");
        }
        Bytes summary = measures && summaryType != 0 ? Bytes.of(config.measurements().summaryHash(summaryType,
                conn.negotiated.baseHash(), conn.negotiated.measurementHash(), crypto)) : Bytes.EMPTY;
        byte[] chainHash = crypto.hash(conn.negotiated.baseHash(), chainBytes(s));
        ChallengeAuth unsigned = new ChallengeAuth(req.version(), req.slot() & 0x0F, slotMask(), Bytes.of(chainHash),
                Bytes.of(crypto.randomBytes(32)), summary, Bytes.EMPTY, req.requesterContext(), Bytes.EMPTY);
        conn.transcripts.c().append(Arrays.copyOf(raw, r.position())).append(unsigned.encodeWithoutSignature());
        byte[] m1 = conn.transcripts.challengeTranscript();
        byte[] toSign = SigningContext.RESPONDER_CHALLENGE_AUTH.messageToSign(req.version(), crypto,
                conn.negotiated.baseHash(), m1);
        byte[] sig = crypto.sign(s.asym(), conn.negotiated.baseHash(), s.privateKey(), toSign);
        conn.transcripts.markAuthenticated();
        conn.state = ConnectionState.AUTHENTICATED;
        return unsigned.withSignature(Bytes.of(sig)).encode();
    }
}
