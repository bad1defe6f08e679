package io.teeio.spdm.requester;

import static io.teeio.spdm.requester.SpdmRequesterException.Kind.ERROR_RESPONSE;
import static io.teeio.spdm.requester.SpdmRequesterException.Kind.INVALID_STATE;
import static io.teeio.spdm.requester.SpdmRequesterException.Kind.MALFORMED_RESPONSE;
import static io.teeio.spdm.requester.SpdmRequesterException.Kind.TRANSPORT;
import static io.teeio.spdm.requester.SpdmRequesterException.Kind.VERIFICATION_FAILED;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;
import io.teeio.spdm.connection.Transcript;
import io.teeio.spdm.message.EndSession;
import io.teeio.spdm.message.ErrorResponse;
import io.teeio.spdm.message.Heartbeat;
import io.teeio.spdm.message.KeyUpdate;
import io.teeio.spdm.message.KeyUpdateAck;
import io.teeio.spdm.message.SpdmCode;
import io.teeio.spdm.message.SpdmErrorCode;
import io.teeio.spdm.message.SpdmHeader;
import io.teeio.spdm.message.SpdmMessage;
import io.teeio.spdm.message.SpdmVersion;
import io.teeio.spdm.message.VendorDefined;
import io.teeio.spdm.session.DataSecrets;
import io.teeio.spdm.session.SecuredMessageException;
import io.teeio.spdm.session.SecuredSession;
import io.teeio.spdm.session.SessionId;
import io.teeio.spdm.transport.SecuredMessageBinding;
import io.teeio.spdm.transport.SpdmPacket;
import io.teeio.spdm.transport.TransportException;

/**
 * An established SPDM session seen from the requester: application messages, HEARTBEAT, KEY_UPDATE and
 * END_SESSION. A record that fails to open, or a DecryptError from the responder, ends it.
 */
public final class SpdmSession implements AutoCloseable {
    /** KEY_UPDATE operations a requester can start. */
    public enum KeyUpdateOperation { UPDATE_KEY, UPDATE_ALL_KEYS }

    private final SpdmRequester requester;
    private final SecuredSession channel;
    private final SpdmVersion version;
    private final int heartbeatPeriod;
    private final int slot;
    /** The session's measurement log: what restarts, inside the session, instead of the connection's. */
    private final Transcript measurements = new Transcript();
    private int tag;

    SpdmSession(SpdmRequester requester, SecuredSession channel, SpdmVersion version, int heartbeatPeriod, int slot) {
        this.requester = requester;
        this.channel = channel;
        this.version = version;
        this.heartbeatPeriod = heartbeatPeriod;
        this.slot = slot;
    }

    public SessionId id() {
        return channel.id();
    }

    public int slot() {
        return slot;
    }

    /** HeartbeatPeriod from KEY_EXCHANGE_RSP, in seconds (0: no heartbeat required). */
    public int heartbeatPeriod() {
        return heartbeatPeriod;
    }

    public boolean isOpen() {
        return channel.phase() == SecuredSession.Phase.ESTABLISHED;
    }

    /** The session's secured channel, for tests that must see the key material is gone. */
    SecuredSession channel() {
        return channel;
    }

    /**
     * Sends one SPDM request inside the session and returns the response message (plaintext). An ERROR
     * answer becomes an exception (the session stays open unless the error ended it).
     */
    public byte[] sendReceive(SpdmMessage request, int expectedCode) throws SpdmRequesterException {
        return exchange(SpdmCode.name(request.code()), request.encode(), expectedCode);
    }

    /** A VENDOR_DEFINED_REQUEST in the session; returns the response's payload. */
    public Bytes vendorDefined(int standardId, Bytes vendorId, Bytes payload) throws SpdmRequesterException {
        VendorDefined req = new VendorDefined(version, true, standardId, vendorId, payload);
        byte[] rsp = exchange("VENDOR_DEFINED_REQUEST", req.encode(), SpdmCode.VENDOR_DEFINED_RESPONSE);
        try {
            VendorDefined v = VendorDefined.read(new ByteReader(rsp, "VENDOR_DEFINED_RESPONSE"));
            if (v.standardId() != standardId || !v.vendorId().equals(vendorId)) {
                throw new SpdmRequesterException("VENDOR_DEFINED_REQUEST", MALFORMED_RESPONSE,
                        "the response is for another standard or vendor");
            }
            return v.payload();
        } catch (SpdmDecodeException e) {
            throw new SpdmRequesterException("VENDOR_DEFINED_REQUEST", MALFORMED_RESPONSE, e.getMessage(), null, e);
        }
    }

    public void heartbeat() throws SpdmRequesterException {
        exchange("HEARTBEAT", new Heartbeat(version).encode(), SpdmCode.HEARTBEAT_ACK);
    }

    /**
     * KEY_UPDATE with the operation, then VerifyNewKey under the new request key; switches each direction
     * at the moment libspdm does.
     */
    public void updateKeys(KeyUpdateOperation op) throws SpdmRequesterException {
        String step = "KEY_UPDATE";
        DataSecrets data = channel.dataSecrets();
        int operation = op == KeyUpdateOperation.UPDATE_KEY ? KeyUpdate.UPDATE_KEY : KeyUpdate.UPDATE_ALL_KEYS;
        int t = nextTag();
        if (op == KeyUpdateOperation.UPDATE_ALL_KEYS) {
            data.response().update(); // the ACK comes back under the new response key
        }
        byte[] ack;
        try {
            ack = exchange(step, new KeyUpdate(version, operation, t).encode(), SpdmCode.KEY_UPDATE_ACK);
        } catch (SpdmRequesterException e) {
            if (isOpen() && data.response().updatePending()) {
                data.response().revert();
            }
            throw e;
        }
        checkAck(step, ack, operation, t);
        if (op == KeyUpdateOperation.UPDATE_ALL_KEYS) {
            data.response().commit();
        }
        data.request().update();
        int vt = nextTag();
        byte[] verifyAck = exchange(step, new KeyUpdate(version, KeyUpdate.VERIFY_NEW_KEY, vt).encode(),
                SpdmCode.KEY_UPDATE_ACK);
        checkAck(step, verifyAck, KeyUpdate.VERIFY_NEW_KEY, vt);
        data.request().commit();
        requester.tracer().event("spdm", requester.config().name(), "responder", "KEY_UPDATE",
                "session " + id() + ": " + (op == KeyUpdateOperation.UPDATE_KEY ? "request key" : "both keys")
                        + " updated and verified");
    }

    private int nextTag() {
        tag = (tag + 1) & 0xFF;
        return tag;
    }

    private static void checkAck(String step, byte[] ack, int operation, int tag) throws SpdmRequesterException {
        try {
            KeyUpdateAck a = KeyUpdateAck.read(new ByteReader(ack, "KEY_UPDATE_ACK"));
            if (a.operation() != operation || a.tag() != tag) {
                throw new SpdmRequesterException(step, MALFORMED_RESPONSE, "KEY_UPDATE_ACK echoes operation "
                        + a.operation() + " tag " + a.tag() + ", expected " + operation + " tag " + tag);
            }
        } catch (SpdmDecodeException e) {
            throw new SpdmRequesterException(step, MALFORMED_RESPONSE, e.getMessage(), null, e);
        }
    }

    /** END_SESSION; the keys are destroyed whatever the answer. Closing a closed session does nothing. */
    @Override
    public void close() throws SpdmRequesterException {
        if (!isOpen()) {
            return;
        }
        try {
            exchange("END_SESSION", new EndSession(version, 0).encode(), SpdmCode.END_SESSION_ACK);
        } finally {
            end("END_SESSION");
        }
    }

    private void end(String why) {
        if (channel.phase() != SecuredSession.Phase.ENDED) {
            channel.end();
            requester.sessionEnded(this);
            requester.tracer().transition("spdm", requester.config().name(), "responder", "END_SESSION",
                    "session " + id() + ": " + why, "ESTABLISHED", "ENDED");
        }
    }

    /** One request in the session, after the transcript resets its code causes (as the responder applies them). */
    private byte[] exchange(String step, byte[] request, int expectedCode) throws SpdmRequesterException {
        if (!isOpen()) {
            throw new SpdmRequesterException(step, INVALID_STATE, "session " + id() + " is not open");
        }
        int code = request.length > 1 ? request[1] & 0xFF : -1;
        return requester.afterResets(code, measurements, () -> exchangeSealed(step, request, expectedCode));
    }

    private byte[] exchangeSealed(String step, byte[] request, int expectedCode) throws SpdmRequesterException {
        SecuredMessageBinding binding = requester.transport().securedBinding();
        byte[] record;
        try {
            record = channel.seal(binding.toApplicationData(request));
        } catch (SecuredMessageException e) {
            end("cannot seal: " + e.getMessage());
            throw new SpdmRequesterException(step, INVALID_STATE, e.getMessage() + "; session ended", null, e);
        }
        SpdmPacket response;
        try {
            response = requester.transport().exchange(SpdmPacket.secured(record));
        } catch (TransportException e) {
            throw new SpdmRequesterException(step, TRANSPORT, e.getMessage(), null, e);
        }
        byte[] message;
        if (!response.secured()) {
            // Only an ERROR about the session itself comes back in the clear.
            ErrorResponse err = plainError(step, response.bytes());
            if (err.errorCode() == SpdmErrorCode.DECRYPT_ERROR.value()
                    || err.errorCode() == SpdmErrorCode.INVALID_SESSION.value()) {
                end("responder answered " + err.describe());
            }
            throw new SpdmRequesterException(step, ERROR_RESPONSE, "responder answered ERROR " + err.describe()
                    + " in the clear", err, null);
        }
        try {
            message = binding.toSpdmMessage(channel.open(response.bytes()).applicationData().toByteArray());
        } catch (SecuredMessageException e) {
            end("a response record failed to open");
            throw new SpdmRequesterException(step, VERIFICATION_FAILED, "response record: " + e.getMessage()
                    + "; session ended", null, e);
        }
        if (message == null) {
            throw new SpdmRequesterException(step, MALFORMED_RESPONSE, "the response record carries no SPDM message");
        }
        SpdmHeader h;
        try {
            h = SpdmHeader.peek(message);
        } catch (SpdmDecodeException e) {
            throw new SpdmRequesterException(step, MALFORMED_RESPONSE, e.getMessage(), null, e);
        }
        if (h.code() == SpdmCode.ERROR) {
            ErrorResponse err = plainError(step, message);
            throw new SpdmRequesterException(step, ERROR_RESPONSE, "responder answered ERROR " + err.describe(), err,
                    null);
        }
        if (h.code() != expectedCode) {
            throw new SpdmRequesterException(step, MALFORMED_RESPONSE, "expected " + SpdmCode.name(expectedCode)
                    + " but got " + SpdmCode.name(h.code()));
        }
        return message;
    }

    private static ErrorResponse plainError(String step, byte[] bytes) throws SpdmRequesterException {
        try {
            return ErrorResponse.read(new ByteReader(bytes, "ERROR"));
        } catch (SpdmDecodeException e) {
            throw new SpdmRequesterException(step, MALFORMED_RESPONSE, "unexpected response: " + e.getMessage(),
                    null, e);
        }
    }

    @Override
    public String toString() {
        return "SpdmSession[" + id() + ", slot " + slot + ", " + channel.phase() + "]";
    }
}
