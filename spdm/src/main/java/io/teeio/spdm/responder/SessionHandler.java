package io.teeio.spdm.responder;

import io.teeio.spdm.cert.DeviceIdentity;
import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;
import io.teeio.spdm.connection.Negotiated;
import io.teeio.spdm.connection.SigningContext;
import io.teeio.spdm.crypto.DheKeyPair;
import io.teeio.spdm.crypto.DhePublicValueException;
import io.teeio.spdm.crypto.SecretBytes;
import io.teeio.spdm.crypto.SpdmCrypto;
import io.teeio.spdm.message.CapabilityFlags;
import io.teeio.spdm.message.EndSession;
import io.teeio.spdm.message.EndSessionAck;
import io.teeio.spdm.message.Finish;
import io.teeio.spdm.message.FinishRsp;
import io.teeio.spdm.message.Heartbeat;
import io.teeio.spdm.message.HeartbeatAck;
import io.teeio.spdm.message.KeyExchange;
import io.teeio.spdm.message.KeyExchangeRsp;
import io.teeio.spdm.message.KeyUpdate;
import io.teeio.spdm.message.KeyUpdateAck;
import io.teeio.spdm.message.NegotiateAlgorithms;
import io.teeio.spdm.message.OpaqueData;
import io.teeio.spdm.message.SpdmCode;
import io.teeio.spdm.message.SpdmErrorCode;
import io.teeio.spdm.message.SpdmVersion;
import io.teeio.spdm.session.DataSecrets;
import io.teeio.spdm.session.HandshakeSecrets;
import io.teeio.spdm.session.SecuredMessageCodec;
import io.teeio.spdm.session.SecuredSession;
import io.teeio.spdm.session.SessionId;
import io.teeio.spdm.session.SessionType;
import io.teeio.spdm.session.SpdmKeySchedule;
import io.teeio.spdm.transport.SecuredMessageBinding;
import io.teeio.trace.Tracer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * KEY_EXCHANGE, FINISH, HEARTBEAT, KEY_UPDATE and END_SESSION, and the table of sessions (several at
 * once, ids built from both halves).
 */
final class SessionHandler {
    /** Secured-message versions (DSP0277) this responder speaks, highest first. */
    static final List<SpdmVersion> SECURED_MESSAGE_VERSIONS = List.of(SpdmVersion.V1_2, SpdmVersion.V1_1,
            SpdmVersion.V1_0);

    private final ResponderConfig config;
    private final ResponderConnection conn;
    private final SpdmCrypto crypto;
    private final AuthenticationHandler auth;
    private final SecuredMessageBinding binding;
    private final RandomGenerator random;
    private final Tracer tracer;
    final Map<Integer, ResponderSession> sessions = new LinkedHashMap<>();
    /** The session whose handshake is in progress: FINISH in the clear belongs to it. */
    ResponderSession handshaking;

    SessionHandler(ResponderConfig config, ResponderConnection conn, SpdmCrypto crypto, AuthenticationHandler auth,
            SecuredMessageBinding binding, RandomGenerator random, Tracer tracer) {
        this.config = config;
        this.conn = conn;
        this.crypto = crypto;
        this.auth = auth;
        this.binding = binding;
        this.random = random;
        this.tracer = tracer;
    }

    private void requireBoth(int flag, int code) throws SpdmErrorException {
        if (!conn.negotiated.both(flag)) {
            throw new SpdmErrorException(SpdmErrorCode.UNSUPPORTED_REQUEST, code,
                    SpdmCode.name(code) + " needs " + CapabilityFlags.describe(flag) + " on both sides");
        }
    }

    byte[] keyExchange(ByteReader r, byte[] raw) throws SpdmDecodeException, SpdmErrorException {
        requireBoth(CapabilityFlags.KEY_EX_CAP, SpdmCode.KEY_EXCHANGE);
        Negotiated n = conn.negotiated;
        if (n.dhe() == null || n.aead() == null || !n.keySchedule()) {
            throw new SpdmErrorException(SpdmErrorCode.UNEXPECTED_REQUEST,
                    "KEY_EXCHANGE: no DHE group, AEAD or key schedule was negotiated");
        }
        KeyExchange req = KeyExchange.read(r, n.dheSize());
        byte[] reqBytes = Arrays.copyOf(raw, r.position());
        if (n.version().atLeast(SpdmVersion.V1_2) && n.opaqueDataFormat() != NegotiateAlgorithms.OPAQUE_DATA_FMT1) {
            throw new SpdmErrorException(SpdmErrorCode.INVALID_REQUEST,
                    "KEY_EXCHANGE at 1.2 needs OpaqueDataFmt1 negotiated");
        }
        int summaryType = req.measurementSummaryHashType();
        if (summaryType != 0 && summaryType != 1 && summaryType != 0xFF) {
            throw new SpdmErrorException(SpdmErrorCode.INVALID_REQUEST,
                    "KEY_EXCHANGE: MeasurementSummaryHashType 0x" + Integer.toHexString(summaryType) + " is not defined");
        }
        if (summaryType != 0 && !n.responderMeasures()) {
            throw new SpdmErrorException(SpdmErrorCode.INVALID_REQUEST,
                    "KEY_EXCHANGE: a measurement summary hash was asked of a responder without MEAS_CAP");
        }
        DeviceIdentity slot = auth.slot(req.slot(), "KEY_EXCHANGE");
        SpdmVersion smVersion = selectSecuredMessageVersion(req.opaqueData(), n.version());
        if (activeSessions() >= config.maxSessions()) {
            throw new SpdmErrorException(SpdmErrorCode.SESSION_LIMIT_EXCEEDED,
                    "KEY_EXCHANGE: " + activeSessions() + " sessions are open, the limit is " + config.maxSessions());
        }
        SessionId id = allocateId(req.reqSessionId());
        SecretBytes shared;
        Bytes ourPublic;
        try (DheKeyPair dhe = crypto.generateDheKeyPair(n.dhe())) {
            ourPublic = Bytes.of(dhe.publicValue());
            shared = dhe.agree(req.exchangeData().toByteArray());
        } catch (DhePublicValueException e) {
            throw new SpdmErrorException(SpdmErrorCode.INVALID_REQUEST,
                    "KEY_EXCHANGE: the requester's DHE public value is invalid: " + e.getMessage());
        }
        Bytes summary = summaryType == 0 ? Bytes.EMPTY : Bytes.of(config.measurements().summaryHash(summaryType,
                n.baseHash(), n.measurementHash(), crypto));
        int heartbeat = n.both(CapabilityFlags.HBEAT_CAP) ? config.heartbeatPeriod() : 0;
        KeyExchangeRsp unsigned = new KeyExchangeRsp(n.version(), heartbeat, id.responderHalf(), 0, 0,
                Bytes.of(crypto.randomBytes(32)), ourPublic, summary,
                Bytes.of(OpaqueData.securedMessageVersionSelection(smVersion).encode(n.version())), Bytes.EMPTY,
                Bytes.EMPTY);
        ResponderSession s;
        try {
            byte[] chainHash = crypto.hash(n.baseHash(), auth.chainBytes(slot));
            byte[] thSig = concat(conn.transcripts.vca().toByteArray(), chainHash, reqBytes,
                    unsigned.encodeBeforeSignature());
            byte[] toSign = SigningContext.RESPONDER_KEY_EXCHANGE_RSP.signedMessage(n.version(),
                    n.baseHash(), crypto, thSig);
            KeyExchangeRsp signed = unsigned.withSignature(Bytes.of(crypto.sign(slot.asym(), n.baseHash(),
                    slot.privateKey(), toSign)));
            byte[] th1 = concat(thSig, signed.signature().toByteArray());
            byte[] th1Hash = crypto.hash(n.baseHash(), th1);
            SpdmKeySchedule schedule = new SpdmKeySchedule(crypto, n.baseHash(), n.aead(), n.version().major(),
                    n.version().minor());
            HandshakeSecrets hs = schedule.deriveHandshakeSecrets(shared, th1Hash);
            KeyExchangeRsp rsp = signed;
            if (!n.handshakeInTheClear()) {
                rsp = signed.withVerifyData(Bytes.of(schedule.verifyData(hs.responseFinishedKey(), th1Hash)));
            }
            SessionType type = n.both(CapabilityFlags.ENCRYPT_CAP) ? SessionType.ENC_MAC : SessionType.MAC_ONLY;
            SecuredSession channel = new SecuredSession(SecuredSession.Role.RESPONDER, id, schedule,
                    new SecuredMessageCodec(crypto, binding.format(), type), random, hs);
            s = new ResponderSession(channel, req.slot(), config.time().nanoTime());
            s.th.append(th1).append(rsp.responderVerifyData().toByteArray());
            sessions.put(id.value(), s);
            handshaking = s;
            tracer.transition("spdm", config.name(), "requester", "KEY_EXCHANGE_RSP",
                    "session " + id + " (slot " + req.slot() + ", " + n.dhe() + ", " + n.aead() + ", secured messages "
                            + smVersion + ")", "", "HANDSHAKING");
            return rsp.encode();
        } finally {
            shared.destroy();
        }
    }

    private SpdmVersion selectSecuredMessageVersion(Bytes opaque, SpdmVersion v) throws SpdmErrorException {
        List<SpdmVersion> offered;
        try {
            offered = OpaqueData.decode(opaque, v).supportedSecuredMessageVersions().orElse(List.of());
        } catch (SpdmDecodeException e) {
            throw new SpdmErrorException(SpdmErrorCode.INVALID_REQUEST, "KEY_EXCHANGE opaque data: " + e.getMessage());
        }
        for (SpdmVersion ours : SECURED_MESSAGE_VERSIONS) {
            if (offered.contains(ours)) {
                return ours;
            }
        }
        throw new SpdmErrorException(SpdmErrorCode.INVALID_REQUEST, offered.isEmpty()
                ? "KEY_EXCHANGE carries no secured-message SupportedVersion element"
                : "KEY_EXCHANGE offers secured-message versions " + offered + ", none of which this responder speaks");
    }

    int activeSessions() {
        return sessions.size();
    }

    /** libspdm's way: the responder half is the first free of 0xFFFF, 0xFFFE, ... */
    private SessionId allocateId(int requesterHalf) throws SpdmErrorException {
        for (int half = 0xFFFF; half > 0; half--) {
            SessionId id = new SessionId(requesterHalf, half);
            boolean halfUsed = false;
            for (ResponderSession s : sessions.values()) {
                if (s.channel.id().responderHalf() == half) {
                    halfUsed = true;
                    break;
                }
            }
            if (!halfUsed && !sessions.containsKey(id.value())) {
                return id;
            }
        }
        throw new SpdmErrorException(SpdmErrorCode.SESSION_LIMIT_EXCEEDED, "no free session id");
    }

    /**
     * FINISH, in the clear ({@code session} null: the handshaking session) or inside the session under
     * the handshake keys. A wrong RequesterVerifyData ends the session with DecryptError.
     */
    byte[] finish(ByteReader r, byte[] raw, ResponderSession inSession) throws SpdmDecodeException,
            SpdmErrorException {
        Negotiated n = conn.negotiated;
        ResponderSession s = inSession != null ? inSession : handshaking;
        if (s == null || s.channel.phase() != SecuredSession.Phase.HANDSHAKING) {
            throw new SpdmErrorException(SpdmErrorCode.UNEXPECTED_REQUEST, "FINISH without a session handshake in progress");
        }
        if (n.handshakeInTheClear() != (inSession == null)) {
            throw new SpdmErrorException(SpdmErrorCode.UNEXPECTED_REQUEST, n.handshakeInTheClear()
                    ? "FINISH must travel in the clear (HANDSHAKE_IN_THE_CLEAR was negotiated)"
                    : "FINISH must travel inside the session under the handshake keys");
        }
        Finish req = Finish.read(r, n.hashSize(), n.signatureSize());
        if (req.signatureIncluded()) {
            throw new SpdmErrorException(SpdmErrorCode.INVALID_REQUEST,
                    "FINISH carries a requester signature but mutual authentication was not requested");
        }
        SpdmKeySchedule schedule = s.channel.schedule();
        byte[] thReq = concat(s.th.toByteArray(), req.encodeBeforeVerifyData());
        byte[] expected = schedule.verifyData(s.channel.handshakeSecrets().requestFinishedKey(),
                crypto.hash(n.baseHash(), thReq));
        if (!Arrays.equals(expected, req.requesterVerifyData().toByteArray())) {
            endSession(s, "RequesterVerifyData does not match");
            throw new SpdmErrorException(SpdmErrorCode.DECRYPT_ERROR,
                    "FINISH: RequesterVerifyData does not match; session " + s.channel.id() + " ended");
        }
        s.th.append(Arrays.copyOf(raw, r.position()));
        FinishRsp rsp = new FinishRsp(n.version(), Bytes.EMPTY);
        if (n.handshakeInTheClear()) {
            byte[] thRsp = concat(s.th.toByteArray(), rsp.encodeHeader());
            rsp = new FinishRsp(n.version(), Bytes.of(schedule.verifyData(
                    s.channel.handshakeSecrets().responseFinishedKey(), crypto.hash(n.baseHash(), thRsp))));
        }
        s.th.append(rsp.encode());
        return rsp.encode();
    }

    /** After FINISH_RSP has gone out (sealed with the handshake keys if not in the clear): switch to data keys. */
    void establish(ResponderSession s) {
        Negotiated n = conn.negotiated;
        DataSecrets data = s.channel.schedule().deriveDataSecrets(s.channel.handshakeSecrets(),
                crypto.hash(n.baseHash(), s.th.toByteArray()));
        s.channel.establish(data);
        if (handshaking == s) {
            handshaking = null;
        }
        tracer.transition("spdm", config.name(), "requester", "FINISH_RSP", "session " + s.channel.id()
                + ": application data keys in use", "HANDSHAKING", "ESTABLISHED");
    }

    byte[] heartbeat(ByteReader r) throws SpdmDecodeException, SpdmErrorException {
        requireBoth(CapabilityFlags.HBEAT_CAP, SpdmCode.HEARTBEAT);
        Heartbeat req = Heartbeat.read(r);
        return new HeartbeatAck(req.version()).encode();
    }

    /** KEY_UPDATE: returns the ACK; the key switch of UpdateAllKeys' response direction happens before sealing. */
    byte[] keyUpdate(ByteReader r, ResponderSession s) throws SpdmDecodeException, SpdmErrorException {
        requireBoth(CapabilityFlags.KEY_UPD_CAP, SpdmCode.KEY_UPDATE);
        KeyUpdate req = KeyUpdate.read(r);
        DataSecrets data = s.channel.dataSecrets();
        switch (req.operation()) {
            case KeyUpdate.UPDATE_KEY, KeyUpdate.UPDATE_ALL_KEYS -> {
                if (data.keyUpdatePending()) {
                    throw new SpdmErrorException(SpdmErrorCode.INVALID_REQUEST,
                            "KEY_UPDATE: the previous key update was not verified yet");
                }
                if (req.operation() == KeyUpdate.UPDATE_KEY) {
                    data.updateKey();
                } else {
                    data.updateAllKeys();
                    data.response().commit();
                }
            }
            case KeyUpdate.VERIFY_NEW_KEY -> {
                if (!data.keyUpdatePending()) {
                    throw new SpdmErrorException(SpdmErrorCode.INVALID_REQUEST,
                            "KEY_UPDATE VerifyNewKey without a pending key update");
                }
                data.verifyNewKey();
            }
            default -> throw new SpdmErrorException(SpdmErrorCode.INVALID_REQUEST,
                    "KEY_UPDATE operation " + req.operation() + " is not defined");
        }
        tracer.event("spdm", config.name(), "requester", "KEY_UPDATE_ACK", "session " + s.channel.id() + ": "
                + switch (req.operation()) {
                    case KeyUpdate.UPDATE_KEY -> "request key updated";
                    case KeyUpdate.UPDATE_ALL_KEYS -> "request and response keys updated";
                    default -> "new request key verified";
                });
        return new KeyUpdateAck(req.version(), req.operation(), req.tag()).encode();
    }

    byte[] endSessionAck(ByteReader r) throws SpdmDecodeException {
        EndSession req = EndSession.read(r);
        return new EndSessionAck(req.version()).encode();
    }

    void endSession(ResponderSession s, String why) {
        s.channel.end();
        config.sessionEnded().accept(s.channel.id().value());
        sessions.remove(s.channel.id().value());
        if (handshaking == s) {
            handshaking = null;
        }
        tracer.transition("spdm", config.name(), "requester", "END_SESSION", "session " + s.channel.id() + ": " + why,
                "", "ENDED");
    }

    /**
     * The heartbeat watchdog: sessions that heard nothing for twice the HeartbeatPeriod they were given end
     * (DSP0274 HEARTBEAT). Checked whenever a message arrives.
     */
    void expireSilent() {
        int period = conn.negotiated == null || !conn.negotiated.both(CapabilityFlags.HBEAT_CAP) ? 0
                : config.heartbeatPeriod();
        if (period == 0) {
            return;
        }
        long now = config.time().nanoTime();
        long limit = 2L * period * 1_000_000_000L;
        for (ResponderSession s : List.copyOf(sessions.values())) {
            if (now - s.lastHeardNanos > limit) {
                endSession(s, "no message for twice the HeartbeatPeriod of " + period + " s");
            }
        }
    }

    void heard(ResponderSession s) {
        s.lastHeardNanos = config.time().nanoTime();
    }

    void endAll(String why) {
        for (ResponderSession s : List.copyOf(sessions.values())) {
            endSession(s, why);
        }
    }

    static byte[] concat(byte[]... parts) {
        return io.teeio.spdm.connection.ConnectionTranscripts.concat(parts);
    }
}
