package io.teeio.spdm.requester;

import static io.teeio.spdm.requester.SpdmRequesterException.Kind.ERROR_RESPONSE;
import static io.teeio.spdm.requester.SpdmRequesterException.Kind.INVALID_STATE;
import static io.teeio.spdm.requester.SpdmRequesterException.Kind.MALFORMED_RESPONSE;
import static io.teeio.spdm.requester.SpdmRequesterException.Kind.NEGOTIATION_FAILED;
import static io.teeio.spdm.requester.SpdmRequesterException.Kind.TRANSPORT;
import static io.teeio.spdm.requester.SpdmRequesterException.Kind.VERIFICATION_FAILED;

import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;
import io.teeio.spdm.connection.ConnectionTranscripts;
import io.teeio.spdm.connection.Negotiated;
import io.teeio.spdm.connection.SigningContext;
import io.teeio.spdm.message.CapabilityFlags;
import io.teeio.spdm.message.ErrorResponse;
import io.teeio.spdm.message.SpdmCode;
import io.teeio.spdm.message.SpdmHeader;
import io.teeio.spdm.message.SpdmVersion;
import io.teeio.spdm.transport.SpdmPacket;
import io.teeio.spdm.transport.TransportException;
import io.teeio.spdm.connection.Transcript;
import io.teeio.spdm.crypto.DheKeyPair;
import io.teeio.spdm.crypto.DhePublicValueException;
import io.teeio.spdm.crypto.SecretBytes;
import io.teeio.spdm.message.Finish;
import io.teeio.spdm.message.FinishRsp;
import io.teeio.spdm.message.KeyExchange;
import io.teeio.spdm.message.KeyExchangeRsp;
import io.teeio.spdm.message.OpaqueData;
import io.teeio.spdm.session.DataSecrets;
import io.teeio.spdm.session.HandshakeSecrets;
import io.teeio.spdm.session.SecuredMessageCodec;
import io.teeio.spdm.session.SecuredMessageException;
import io.teeio.spdm.session.SecuredSession;
import io.teeio.spdm.session.SessionId;
import io.teeio.spdm.session.SessionType;
import io.teeio.spdm.session.SpdmKeySchedule;
import io.teeio.spdm.transport.SecuredMessageBinding;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.List;

/**
 * KEY_EXCHANGE and FINISH for {@link SpdmRequester#openSession}: verifies the responder's signature over TH and
 * its verify data, derives the handshake keys, finishes (in the clear or under the handshake keys) and the
 * data keys.
 */
final class SessionEstablishment {
    private final SpdmRequester q;

    SessionEstablishment(SpdmRequester requester) {
        this.q = requester;
    }

    /**
     * KEY_EXCHANGE and FINISH with the slot's certificate (fetched before): verifies the responder's
     * signature over TH and its verify data, derives handshake then data keys.
     */
    SpdmSession open(int slot, int measurementSummaryHashType) throws SpdmRequesterException {
        String step = "KEY_EXCHANGE";
        Negotiated n = q.requireNegotiated(step);
        if (!n.both(CapabilityFlags.KEY_EX_CAP) || n.dhe() == null || n.aead() == null) {
            throw new SpdmRequesterException(step, INVALID_STATE,
                    "sessions were not negotiated (KEY_EX_CAP, DHE and AEAD on both sides)");
        }
        PublicKey key = q.leafKey(step, slot);
        byte[] chainHash = q.chainDigest(step, slot);
        int reqHalf = freeRequesterHalf();
        SecuredMessageBinding binding = q.transport().securedBinding();
        if (!binding.carriesSecuredMessages()) {
            throw new SpdmRequesterException(step, INVALID_STATE,
                    "transport " + binding.name() + " carries no secured messages, so no session can be opened");
        }
        byte[] opaque = OpaqueData.supportedSecuredMessageVersions(SECURED_MESSAGE_VERSIONS).encode(n.version());
        try (DheKeyPair dhe = q.crypto().generateDheKeyPair(n.dhe())) {
            KeyExchange ke = new KeyExchange(n.version(), measurementSummaryHashType, slot, reqHalf, 0,
                    Bytes.of(q.crypto().randomBytes(32)), Bytes.of(dhe.publicValue()), Bytes.of(opaque));
            byte[] keBytes = ke.encode();
            SpdmRequester.Reply r = q.exchangeAfterResets(step, ke.code(), keBytes, SpdmCode.KEY_EXCHANGE_RSP, n.version());
            boolean summary = measurementSummaryHashType != 0;
            boolean verifyData = !n.handshakeInTheClear();
            SpdmRequester.Decoded<KeyExchangeRsp> kd = q.decode(step, r, rd -> KeyExchangeRsp.read(rd, n.dheSize(), n.hashSize(),
                    n.signatureSize(), summary, verifyData));
            KeyExchangeRsp rsp = kd.message();
            if (rsp.mutAuthRequested() != 0) {
                throw new SpdmRequesterException(step, NEGOTIATION_FAILED,
                        "the responder requests mutual authentication, which this requester does not offer");
            }
            SpdmVersion smVersion = selectedSecuredVersion(step, rsp, n.version());
            byte[] exact = kd.exact();
            int sigEnd = exact.length - rsp.responderVerifyData().length();
            int sigStart = sigEnd - rsp.signature().length();
            byte[] thSig = ConnectionTranscripts.concat(q.transcripts().vca().toByteArray(), chainHash, keBytes,
                    Arrays.copyOf(exact, sigStart));
            byte[] toVerify = SigningContext.RESPONDER_KEY_EXCHANGE_RSP.signedMessage(n.version(),
                    n.baseHash(), q.crypto(), thSig);
            if (!q.crypto().verify(n.baseAsym(), n.baseHash(), key, toVerify, rsp.signature().toByteArray())) {
                throw new SpdmRequesterException(step, VERIFICATION_FAILED,
                        "KEY_EXCHANGE_RSP signature does not verify against the slot " + slot + " leaf key");
            }
            byte[] th1 = ConnectionTranscripts.concat(thSig, rsp.signature().toByteArray());
            byte[] th1Hash = q.crypto().hash(n.baseHash(), th1);
            SecretBytes shared;
            try {
                shared = dhe.agree(rsp.exchangeData().toByteArray());
            } catch (DhePublicValueException e) {
                throw new SpdmRequesterException(step, VERIFICATION_FAILED,
                        "the responder's DHE public value is invalid: " + e.getMessage(), null, e);
            }
            SpdmKeySchedule schedule = new SpdmKeySchedule(q.crypto(), n.baseHash(), n.aead(), n.version().major(),
                    n.version().minor());
            HandshakeSecrets hs;
            try {
                hs = schedule.deriveHandshakeSecrets(shared, th1Hash);
            } finally {
                shared.destroy();
            }
            SessionId id = new SessionId(reqHalf, rsp.rspSessionId());
            SessionType type = n.both(CapabilityFlags.ENCRYPT_CAP) ? SessionType.ENC_MAC : SessionType.MAC_ONLY;
            SecuredSession channel = new SecuredSession(SecuredSession.Role.REQUESTER, id, schedule,
                    new SecuredMessageCodec(q.crypto(), binding.format(), type), q.crypto().randomGenerator(), hs);
            try {
                if (verifyData) {
                    byte[] expected = schedule.verifyData(hs.responseFinishedKey(), th1Hash);
                    if (!Arrays.equals(expected, rsp.responderVerifyData().toByteArray())) {
                        throw new SpdmRequesterException(step, VERIFICATION_FAILED,
                                "KEY_EXCHANGE_RSP ResponderVerifyData does not match");
                    }
                }
                Transcript th = new Transcript().append(exactPrefix(thSig, exact, sigStart));
                SpdmSession session = finish(n, channel, th, slot, rsp.heartbeatPeriod());
                q.tracer().transition("spdm", q.config().name(), "responder", "FINISH_RSP", "session " + id + " established ("
                        + n.dhe() + ", " + n.aead() + ", secured messages " + smVersion + ", handshake "
                        + (n.handshakeInTheClear() ? "in the clear" : "encrypted") + ")", "", "ESTABLISHED");
                return session;
            } catch (SpdmRequesterException | RuntimeException e) {
                channel.end();
                throw e;
            }
        }
    }

    /** TH so far: VCA || Ct || KEY_EXCHANGE || the whole KEY_EXCHANGE_RSP (signature and verify data). */
    private static byte[] exactPrefix(byte[] thSig, byte[] exact, int sigStart) {
        return ConnectionTranscripts.concat(thSig, Arrays.copyOfRange(exact, sigStart, exact.length));
    }

    private SpdmSession finish(Negotiated n, SecuredSession channel, Transcript th, int slot, int heartbeat)
            throws SpdmRequesterException {
        String step = "FINISH";
        SpdmKeySchedule schedule = channel.schedule();
        Finish unsigned = new Finish(n.version(), 0, 0, Bytes.EMPTY, Bytes.EMPTY);
        byte[] header = unsigned.encodeBeforeVerifyData();
        byte[] reqVerify = schedule.verifyData(channel.handshakeSecrets().requestFinishedKey(),
                q.crypto().hash(n.baseHash(), ConnectionTranscripts.concat(th.toByteArray(), header)));
        Finish finish = new Finish(n.version(), 0, 0, Bytes.EMPTY, Bytes.of(reqVerify));
        q.transcripts().beforeRequest(finish.code(), null);
        byte[] finishBytes = finish.encode();
        byte[] rspBytes;
        if (n.handshakeInTheClear()) {
            rspBytes = q.exchangeRaw(step, finishBytes, SpdmCode.FINISH_RSP, n.version()).bytes();
        } else {
            rspBytes = exchangeHandshake(step, channel, finishBytes);
        }
        SpdmRequester.Decoded<FinishRsp> fd = q.decode(step, new SpdmRequester.Reply(rspBytes),
                rd -> FinishRsp.read(rd, n.hashSize(), n.handshakeInTheClear()));
        th.append(finishBytes);
        if (n.handshakeInTheClear()) {
            byte[] expected = schedule.verifyData(channel.handshakeSecrets().responseFinishedKey(),
                    q.crypto().hash(n.baseHash(), ConnectionTranscripts.concat(th.toByteArray(),
                            fd.message().encodeHeader())));
            if (!Arrays.equals(expected, fd.message().responderVerifyData().toByteArray())) {
                throw new SpdmRequesterException(step, VERIFICATION_FAILED, "FINISH_RSP ResponderVerifyData does not match");
            }
        }
        th.append(fd.exact());
        DataSecrets data = schedule.deriveDataSecrets(channel.handshakeSecrets(),
                q.crypto().hash(n.baseHash(), th.toByteArray()));
        channel.establish(data);
        SpdmSession session = new SpdmSession(q, channel, n.version(), heartbeat, slot);
        q.sessionOpened(session);
        return session;
    }

    /** FINISH sealed with the handshake keys; FINISH_RSP opened with them. */
    private byte[] exchangeHandshake(String step, SecuredSession channel, byte[] request) throws SpdmRequesterException {
        SecuredMessageBinding binding = q.transport().securedBinding();
        try {
            byte[] record = channel.seal(binding.toApplicationData(request));
            SpdmPacket response = q.transport().exchange(SpdmPacket.secured(record));
            if (!response.secured()) {
                ErrorResponse err = SpdmRequester.decodeError(step, response.bytes());
                throw new SpdmRequesterException(step, ERROR_RESPONSE, "responder answered ERROR " + err.describe(),
                        err, null);
            }
            byte[] message = binding.toSpdmMessage(channel.open(response.bytes()).applicationData().toByteArray());
            if (message == null) {
                throw new SpdmRequesterException(step, MALFORMED_RESPONSE, "FINISH_RSP record carries no SPDM message");
            }
            SpdmHeader h = SpdmRequester.header(step, message);
            if (h.code() == SpdmCode.ERROR) {
                ErrorResponse err = SpdmRequester.decodeError(step, message);
                throw new SpdmRequesterException(step, ERROR_RESPONSE, "responder answered ERROR " + err.describe(),
                        err, null);
            }
            if (h.code() != SpdmCode.FINISH_RSP) {
                throw new SpdmRequesterException(step, MALFORMED_RESPONSE, "expected FINISH_RSP but got "
                        + SpdmCode.name(h.code()));
            }
            return message;
        } catch (SecuredMessageException e) {
            throw new SpdmRequesterException(step, VERIFICATION_FAILED, e.getMessage(), null, e);
        } catch (TransportException e) {
            throw new SpdmRequesterException(step, TRANSPORT, e.getMessage(), null, e);
        }
    }

    private SpdmVersion selectedSecuredVersion(String step, KeyExchangeRsp rsp, SpdmVersion v)
            throws SpdmRequesterException {
        try {
            SpdmVersion selected = OpaqueData.decode(rsp.opaqueData(), v).securedMessageVersionSelection()
                    .orElseThrow(() -> new SpdmRequesterException(step, NEGOTIATION_FAILED,
                            "KEY_EXCHANGE_RSP selects no secured-message version"));
            if (!SECURED_MESSAGE_VERSIONS.contains(selected)) {
                throw new SpdmRequesterException(step, NEGOTIATION_FAILED,
                        "KEY_EXCHANGE_RSP selects secured-message version " + selected + ", which was not offered");
            }
            return selected;
        } catch (SpdmDecodeException e) {
            throw new SpdmRequesterException(step, MALFORMED_RESPONSE, "KEY_EXCHANGE_RSP opaque data: "
                    + e.getMessage(), null, e);
        }
    }

    /** Secured-message versions offered in KEY_EXCHANGE. */
    static final List<SpdmVersion> SECURED_MESSAGE_VERSIONS = List.of(SpdmVersion.V1_0, SpdmVersion.V1_1,
            SpdmVersion.V1_2);

    private int freeRequesterHalf() {
        for (int half = 0xFFFF; half > 0; half--) {
            final int h = half;
            if (q.sessions().stream().noneMatch(s -> s.id().requesterHalf() == h)) {
                return half;
            }
        }
        throw new IllegalStateException("no free requester session id");
    }

}
