package io.teeio.spdm.responder;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;
import io.teeio.spdm.connection.Negotiated;
import io.teeio.spdm.connection.Transcript;
import io.teeio.spdm.crypto.SpdmCrypto;
import io.teeio.spdm.message.ErrorResponse;
import io.teeio.spdm.message.RespondIfReady;
import io.teeio.spdm.message.SpdmCode;
import io.teeio.spdm.message.SpdmErrorCode;
import io.teeio.spdm.message.SpdmHeader;
import io.teeio.spdm.message.SpdmVersion;
import io.teeio.spdm.message.VendorDefined;
import io.teeio.spdm.session.SecuredMessage;
import io.teeio.spdm.session.SecuredMessageCodec;
import io.teeio.spdm.session.SecuredMessageException;
import io.teeio.spdm.session.SecuredSession;
import io.teeio.spdm.session.SessionId;
import io.teeio.spdm.transport.SecuredMessageBinding;
import io.teeio.spdm.transport.SpdmPacket;
import io.teeio.trace.Tracer;
import java.util.List;

/**
 * An SPDM responder: request bytes in, response bytes out, over any transport. Keeps the connection state
 * of DSP0274; every request that is malformed, out of order or unsupported is answered with the right
 * ERROR and leaves the state as it was (transcript resets the spec ties to the request code excepted).
 * Never throws.
 */
public final class SpdmResponder {
    private static final String LAYER = "spdm";

    private final ResponderConfig config;
    private final SpdmCrypto crypto;
    private final Tracer tracer;
    private final ResponderConnection conn = new ResponderConnection();
    private final NegotiationHandler negotiation;
    private final AuthenticationHandler authentication;
    private final MeasurementHandler measurement;
    private final SessionHandler sessions;
    private final SecuredMessageBinding binding;
    private PendingResponse pending;
    private int nextToken = 1;

    /** The session whose record is being answered, while it is. */
    private ResponderSession currentSession;

    private record PendingResponse(int requestCode, int token, byte[] response) {
    }

    /** A responder on PCI DOE (no sequence number or padding in secured records). */
    public SpdmResponder(ResponderConfig config, SpdmCrypto crypto, Tracer tracer) {
        this(config, crypto, SecuredMessageBinding.PCI_DOE, tracer);
    }

    public SpdmResponder(ResponderConfig config, SpdmCrypto crypto, SecuredMessageBinding binding, Tracer tracer) {
        this.config = config;
        this.crypto = crypto;
        this.tracer = tracer;
        this.binding = binding;
        this.negotiation = new NegotiationHandler(config, conn);
        this.authentication = new AuthenticationHandler(config, conn, crypto);
        this.measurement = new MeasurementHandler(config, conn, crypto, authentication);
        this.sessions = new SessionHandler(config, conn, crypto, authentication, binding, crypto.randomGenerator(),
                tracer);
    }

    public SecuredMessageBinding binding() {
        return binding;
    }

    /** Ids of the sessions open now (handshaking or established). */
    public List<SessionId> sessionIds() {
        return sessions.sessions.values().stream().map(x -> x.channel.id()).toList();
    }

    /** The phase of a session, or ENDED when it is not (or no longer) in the table. */
    public SecuredSession.Phase sessionPhase(SessionId id) {
        ResponderSession x = sessions.sessions.get(id.value());
        return x == null ? SecuredSession.Phase.ENDED : x.channel.phase();
    }

    /** Ends every open session (the link to the requester is gone); their keys are destroyed. */
    public void endAllSessions(String why) {
        sessions.endAll(why);
    }

    /**
     * Answers one packet: a plain SPDM request, or a secured record of an open session. An ERROR about the
     * record itself (unknown session, a record that does not open) comes back in the clear. Never throws.
     */
    public SpdmPacket respond(SpdmPacket request) {
        sessions.expireSilent();
        if (!request.secured()) {
            return SpdmPacket.plain(respond(request.bytes()));
        }
        return respondSecured(request.bytes());
    }

    public ResponderConfig config() {
        return config;
    }

    public ConnectionState state() {
        return conn.state;
    }

    /** What VCA settled, or null before ALGORITHMS. */
    public Negotiated negotiated() {
        return conn.negotiated;
    }

    /** Answers one plain (not secured) SPDM request. Trailing transport padding is ignored. */
    public byte[] respond(byte[] request) {
        SpdmVersion errorVersion = conn.errorVersion();
        int code = -1;
        SavedLogs logs = new SavedLogs(null);
        try {
            if (request.length < 4) {
                throw new SpdmErrorException(SpdmErrorCode.INVALID_REQUEST,
                        "request of " + request.length + " bytes is shorter than the SPDM header");
            }
            SpdmHeader h = SpdmHeader.peek(request);
            code = h.code();
            byte[] rsp = dispatch(h, request);
            tracer.event(LAYER, config.name(), "requester", SpdmCode.name(code) + " -> " + SpdmCode.name(rsp[1] & 0xFF),
                    "");
            return rsp;
        } catch (SpdmErrorException e) {
            logs.restore();
            return error(errorVersion(errorVersion), e.code(), e.errorData(), code, e.getMessage());
        } catch (SpdmDecodeException e) {
            logs.restore();
            return error(errorVersion(errorVersion), SpdmErrorCode.INVALID_REQUEST, 0, code, e.getMessage());
        } catch (RuntimeException e) {
            logs.restore();
            return error(errorVersion(errorVersion), SpdmErrorCode.UNSPECIFIED, 0, code,
                    "internal failure: " + e.getClass().getSimpleName());
        }
    }

    /**
     * The logs a request may reset before it is known to be acceptable. A refused request puts them back:
     * libspdm applies the resets tied to a request code (PROTOCOLS.md §1.17) only once the request passed
     * its checks, so a refused one leaves both sides' transcripts as they were.
     */
    private final class SavedLogs {
        private final byte[] b = conn.transcripts.b().toByteArray();
        private final byte[] c = conn.transcripts.c().toByteArray();
        private final byte[] m = conn.transcripts.m().toByteArray();
        private final Transcript sessionLog;
        private final byte[] session;

        SavedLogs(Transcript sessionLog) {
            this.sessionLog = sessionLog;
            this.session = sessionLog == null ? null : sessionLog.toByteArray();
        }

        void restore() {
            put(conn.transcripts.b(), b);
            put(conn.transcripts.c(), c);
            put(conn.transcripts.m(), m);
            if (sessionLog != null) {
                put(sessionLog, session);
            }
        }

        private static void put(Transcript t, byte[] bytes) {
            t.reset();
            t.append(bytes);
        }
    }

    private SpdmVersion errorVersion(SpdmVersion before) {
        return conn.version != null ? conn.version : before;
    }

    private byte[] error(SpdmVersion v, SpdmErrorCode code, int data, int requestCode, String reason) {
        if (requestCode == SpdmCode.GET_MEASUREMENTS) {
            // an ERROR answer to GET_MEASUREMENTS restarts L1 on both sides
            conn.transcripts.m().reset();
            if (currentSession != null) {
                currentSession.measurements.reset();
            }
        }
        tracer.event(LAYER, config.name(), "requester",
                (requestCode < 0 ? "request" : SpdmCode.name(requestCode)) + " -> ERROR " + code.specName(), reason);
        return ErrorResponse.of(v, code, data).encode();
    }

    private byte[] dispatch(SpdmHeader h, byte[] request) throws SpdmErrorException, SpdmDecodeException {
        int code = h.code();
        if (code == SpdmCode.RESPOND_IF_READY) {
            return respondIfReady(request);
        }
        pending = null;
        checkOrderAndVersion(h);
        ByteReader r = new ByteReader(request, SpdmCode.name(code));
        if (code != SpdmCode.GET_VERSION) {
            conn.transcripts.beforeRequest(code, null);
        } else {
            sessions.endAll("GET_VERSION resets the connection");
        }
        byte[] response = switch (code) {
            case SpdmCode.GET_VERSION -> negotiation.getVersion(r);
            case SpdmCode.GET_CAPABILITIES -> negotiation.getCapabilities(r, request);
            case SpdmCode.NEGOTIATE_ALGORITHMS -> negotiation.negotiateAlgorithms(r, request);
            case SpdmCode.GET_DIGESTS -> authentication.getDigests(r, request, false);
            case SpdmCode.GET_CERTIFICATE -> authentication.getCertificate(r, request, false);
            case SpdmCode.CHALLENGE -> authentication.challenge(r, request);
            case SpdmCode.GET_MEASUREMENTS -> measurement.getMeasurements(r, request, conn.transcripts.m());
            case SpdmCode.VENDOR_DEFINED_REQUEST -> vendorDefined(r, null);
            case SpdmCode.KEY_EXCHANGE -> sessions.keyExchange(r, request);
            case SpdmCode.FINISH -> {
                byte[] rsp = sessions.finish(r, request, null);
                sessions.establish(sessions.handshaking);
                yield rsp;
            }
            case SpdmCode.HEARTBEAT, SpdmCode.KEY_UPDATE, SpdmCode.END_SESSION -> throw new SpdmErrorException(
                    SpdmErrorCode.SESSION_REQUIRED, SpdmCode.name(code) + " is only valid inside a session");
            default -> throw unsupported(code);
        };
        if (config.responseNotReady().test(code)) {
            int token = nextToken++ & 0xFF;
            pending = new PendingResponse(code, token, response);
            tracer.event(LAYER, config.name(), "requester", SpdmCode.name(code) + " -> ERROR ResponseNotReady",
                    "response held until RESPOND_IF_READY with token " + token);
            return ErrorResponse.responseNotReady(conn.errorVersion(),
                    new ErrorResponse.ResponseNotReady(1, code, token, 2)).encode();
        }
        return response;
    }

    private static SpdmErrorException unsupported(int code) {
        return new SpdmErrorException(SpdmErrorCode.UNSUPPORTED_REQUEST, code,
                SpdmCode.name(code) + " is not a request this responder supports");
    }

    private byte[] respondIfReady(byte[] request) throws SpdmErrorException, SpdmDecodeException {
        RespondIfReady req = RespondIfReady.read(new ByteReader(request, "RESPOND_IF_READY"));
        if (conn.version != null && !req.version().equals(conn.version)) {
            throw new SpdmErrorException(SpdmErrorCode.VERSION_MISMATCH, "RESPOND_IF_READY carries version "
                    + req.version() + " but " + conn.version + " was negotiated");
        }
        PendingResponse p = pending;
        if (p == null || p.requestCode() != req.requestCode() || p.token() != req.token()) {
            throw new SpdmErrorException(SpdmErrorCode.UNEXPECTED_REQUEST,
                    "RESPOND_IF_READY for " + SpdmCode.name(req.requestCode()) + " token " + req.token()
                            + " matches no pending response");
        }
        pending = null;
        return p.response();
    }

    private void checkOrderAndVersion(SpdmHeader h) throws SpdmErrorException {
        int code = h.code();
        if (!SpdmCode.isRequest(code)) {
            throw unsupported(code);
        }
        if (code == SpdmCode.GET_VERSION) {
            if (!h.version().equals(SpdmVersion.V1_0)) {
                throw new SpdmErrorException(SpdmErrorCode.VERSION_MISMATCH,
                        "GET_VERSION must carry version 1.0, got " + h.version());
            }
            return;
        }
        switch (conn.state) {
            case NOT_STARTED -> throw new SpdmErrorException(SpdmErrorCode.UNEXPECTED_REQUEST,
                    SpdmCode.name(code) + " before GET_VERSION");
            case AFTER_VERSION -> {
                if (code != SpdmCode.GET_CAPABILITIES) {
                    throw new SpdmErrorException(SpdmErrorCode.UNEXPECTED_REQUEST,
                            SpdmCode.name(code) + " before GET_CAPABILITIES");
                }
                if (!config.versions().contains(h.version())) {
                    throw new SpdmErrorException(SpdmErrorCode.VERSION_MISMATCH, "GET_CAPABILITIES at version "
                            + h.version() + ", which VERSION did not offer");
                }
                return;
            }
            case AFTER_CAPABILITIES -> {
                if (code != SpdmCode.NEGOTIATE_ALGORITHMS) {
                    throw new SpdmErrorException(SpdmErrorCode.UNEXPECTED_REQUEST,
                            SpdmCode.name(code) + " before NEGOTIATE_ALGORITHMS");
                }
            }
            case NEGOTIATED, AUTHENTICATED -> {
                if (code == SpdmCode.GET_CAPABILITIES || code == SpdmCode.NEGOTIATE_ALGORITHMS) {
                    throw new SpdmErrorException(SpdmErrorCode.UNEXPECTED_REQUEST,
                            SpdmCode.name(code) + " after the connection was negotiated (send GET_VERSION to restart)");
                }
            }
            default -> throw new IllegalStateException();
        }
        if (!h.version().equals(conn.version)) {
            throw new SpdmErrorException(SpdmErrorCode.VERSION_MISMATCH, SpdmCode.name(code) + " carries version "
                    + h.version() + " but " + conn.version + " was negotiated");
        }
    }

    private SpdmPacket respondSecured(byte[] record) {
        SessionId id;
        try {
            id = SecuredMessageCodec.sessionIdOf(record);
        } catch (SecuredMessageException e) {
            return SpdmPacket.plain(error(conn.errorVersion(), SpdmErrorCode.INVALID_REQUEST, 0, -1,
                    "secured record: " + e.getMessage()));
        }
        ResponderSession s = sessions.sessions.get(id.value());
        if (s == null) {
            return SpdmPacket.plain(error(conn.errorVersion(), SpdmErrorCode.INVALID_SESSION, 0, -1,
                    "no open session has id " + id));
        }
        SecuredMessage opened;
        try {
            opened = s.channel.open(record);
            sessions.heard(s);
        } catch (SecuredMessageException e) {
            sessions.endSession(s, "a record failed to open (" + e.reason() + ")");
            return SpdmPacket.plain(error(conn.errorVersion(), SpdmErrorCode.DECRYPT_ERROR, 0, -1,
                    "session " + id + ": " + e.getMessage() + "; session ended"));
        }
        byte[] spdm = binding.toSpdmMessage(opened.applicationData().toByteArray());
        int code = -1;
        byte[] rsp;
        boolean wasHandshaking = s.channel.phase() == SecuredSession.Phase.HANDSHAKING;
        currentSession = s;
        SavedLogs logs = new SavedLogs(s.measurements);
        try {
            if (spdm == null) {
                throw new SpdmErrorException(SpdmErrorCode.UNSUPPORTED_REQUEST, "secured record carries a message "
                        + "that is not SPDM");
            }
            SpdmHeader h = SpdmHeader.peek(spdm);
            code = h.code();
            rsp = dispatchInSession(s, h, spdm);
            tracer.event(LAYER, config.name(), "requester", "[session " + id + "] " + SpdmCode.name(code) + " -> "
                    + SpdmCode.name(rsp[1] & 0xFF), "");
        } catch (SpdmErrorException e) {
            logs.restore();
            rsp = error(conn.errorVersion(), e.code(), e.errorData(), code, "[session " + id + "] " + e.getMessage());
        } catch (SpdmDecodeException e) {
            logs.restore();
            rsp = error(conn.errorVersion(), SpdmErrorCode.INVALID_REQUEST, 0, code,
                    "[session " + id + "] " + e.getMessage());
        } catch (RuntimeException e) {
            logs.restore();
            rsp = error(conn.errorVersion(), SpdmErrorCode.UNSPECIFIED, 0, code,
                    "[session " + id + "] internal failure: " + e.getClass().getSimpleName());
        } finally {
            currentSession = null;
        }
        if (s.channel.phase() == SecuredSession.Phase.ENDED) {
            // ended while handling (FINISH verify failure): the answer cannot be sealed any more
            return SpdmPacket.plain(rsp);
        }
        try {
            byte[] sealed = s.channel.seal(binding.toApplicationData(rsp));
            if (code == SpdmCode.FINISH && wasHandshaking && (rsp[1] & 0xFF) == SpdmCode.FINISH_RSP) {
                sessions.establish(s);
            } else if (code == SpdmCode.END_SESSION && (rsp[1] & 0xFF) == SpdmCode.END_SESSION_ACK) {
                sessions.endSession(s, "END_SESSION");
            }
            return SpdmPacket.secured(sealed);
        } catch (SecuredMessageException e) {
            sessions.endSession(s, "cannot seal the answer (" + e.reason() + ")");
            return SpdmPacket.plain(error(conn.errorVersion(), SpdmErrorCode.UNSPECIFIED, 0, code, "session " + id
                    + ": " + e.getMessage() + "; session ended"));
        }
    }

    private byte[] dispatchInSession(ResponderSession s, SpdmHeader h, byte[] request)
            throws SpdmErrorException, SpdmDecodeException {
        int code = h.code();
        if (!SpdmCode.isRequest(code)) {
            throw unsupported(code);
        }
        if (code == SpdmCode.GET_VERSION) {
            // before the version check: GET_VERSION always carries 1.0
            throw new SpdmErrorException(SpdmErrorCode.UNEXPECTED_REQUEST,
                    "GET_VERSION is not allowed inside a session");
        }
        if (!h.version().equals(conn.version)) {
            throw new SpdmErrorException(SpdmErrorCode.VERSION_MISMATCH, SpdmCode.name(code) + " carries version "
                    + h.version() + " but " + conn.version + " was negotiated");
        }
        if (s.channel.phase() == SecuredSession.Phase.HANDSHAKING && code != SpdmCode.FINISH) {
            throw new SpdmErrorException(SpdmErrorCode.UNEXPECTED_REQUEST,
                    SpdmCode.name(code) + " before the session handshake finished");
        }
        conn.transcripts.beforeRequest(code, s.measurements);
        ByteReader r = new ByteReader(request, SpdmCode.name(code));
        return switch (code) {
            case SpdmCode.FINISH -> sessions.finish(r, request, s);
            case SpdmCode.HEARTBEAT -> sessions.heartbeat(r);
            case SpdmCode.KEY_UPDATE -> sessions.keyUpdate(r, s);
            case SpdmCode.END_SESSION -> sessions.endSessionAck(r);
            case SpdmCode.VENDOR_DEFINED_REQUEST -> vendorDefined(r, s.channel.id().value());
            case SpdmCode.GET_DIGESTS -> authentication.getDigests(r, request, true);
            case SpdmCode.GET_CERTIFICATE -> authentication.getCertificate(r, request, true);
            case SpdmCode.GET_MEASUREMENTS -> measurement.getMeasurements(r, request, s.measurements);
            case SpdmCode.GET_VERSION, SpdmCode.GET_CAPABILITIES, SpdmCode.NEGOTIATE_ALGORITHMS, SpdmCode.CHALLENGE,
                    SpdmCode.KEY_EXCHANGE, SpdmCode.PSK_EXCHANGE, SpdmCode.RESPOND_IF_READY ->
                    throw new SpdmErrorException(SpdmErrorCode.UNEXPECTED_REQUEST,
                            SpdmCode.name(code) + " is not allowed inside a session");
            default -> throw unsupported(code);
        };
    }

    private byte[] vendorDefined(ByteReader r, Integer sessionId) throws SpdmErrorException, SpdmDecodeException {
        VendorDefined req = VendorDefined.read(r);
        if (!req.request()) {
            throw unsupported(SpdmCode.VENDOR_DEFINED_RESPONSE);
        }
        Bytes payload = config.vendorHandler().handle(req, sessionId);
        return new VendorDefined(req.version(), false, req.standardId(), req.vendorId(), payload).encode();
    }
}
