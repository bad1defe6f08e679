package io.teeio.spdm.session;

import io.teeio.spdm.crypto.SecretBytes;
import java.util.Optional;
import java.util.random.RandomGenerator;
import javax.security.auth.Destroyable;

/**
 * One side of an SPDM secured session: its id, its phase, the keys of each phase and the records sealed
 * and opened with them. The requester seals with request keys and opens with response keys; the
 * responder the other way round. Ending the session destroys every secret it held.
 */
public final class SecuredSession implements Destroyable {
    public enum Role { REQUESTER, RESPONDER }

    public enum Phase { HANDSHAKING, ESTABLISHED, ENDED }

    private final Role role;
    private final SessionId id;
    private final SpdmKeySchedule schedule;
    private final SecuredMessageCodec codec;
    private final RandomGenerator random;
    private Phase phase = Phase.HANDSHAKING;
    private HandshakeSecrets handshake;
    private DataSecrets data;

    public SecuredSession(Role role, SessionId id, SpdmKeySchedule schedule, SecuredMessageCodec codec,
            RandomGenerator random, HandshakeSecrets handshake) {
        this.role = role;
        this.id = id;
        this.schedule = schedule;
        this.codec = codec;
        this.random = random;
        this.handshake = handshake;
    }

    public SessionId id() {
        return id;
    }

    public Phase phase() {
        return phase;
    }

    public SpdmKeySchedule schedule() {
        return schedule;
    }

    public HandshakeSecrets handshakeSecrets() {
        requirePhase(Phase.HANDSHAKING);
        return handshake;
    }

    public DataSecrets dataSecrets() {
        requirePhase(Phase.ESTABLISHED);
        return data;
    }

    /** FINISH_RSP done: the data keys take over and the handshake secrets are erased. */
    public void establish(DataSecrets dataSecrets) {
        requirePhase(Phase.HANDSHAKING);
        this.data = dataSecrets;
        handshake.destroy();
        handshake = null;
        phase = Phase.ESTABLISHED;
    }

    private void requirePhase(Phase p) {
        if (phase != p) {
            throw new IllegalStateException("session " + id + " is " + phase + ", not " + p);
        }
    }

    private DirectionKeys sendKeys() {
        boolean req = role == Role.REQUESTER;
        return switch (phase) {
            case HANDSHAKING -> req ? handshake.requestKeys() : handshake.responseKeys();
            case ESTABLISHED -> (req ? data.request() : data.response()).current();
            case ENDED -> throw new IllegalStateException("session " + id + " has ended");
        };
    }

    private DirectionKeys receiveKeys() {
        boolean req = role == Role.REQUESTER;
        return switch (phase) {
            case HANDSHAKING -> req ? handshake.responseKeys() : handshake.requestKeys();
            case ESTABLISHED -> (req ? data.response() : data.request()).current();
            case ENDED -> throw new IllegalStateException("session " + id + " has ended");
        };
    }

    private Optional<DirectionKeys> receiveBackup() {
        if (phase != Phase.ESTABLISHED) {
            return Optional.empty();
        }
        return (role == Role.REQUESTER ? data.response() : data.request()).backup();
    }

    /** Seals application data into a record under the current sending key. */
    public byte[] seal(byte[] applicationData) throws SecuredMessageException {
        return codec.encode(id, sendKeys(), applicationData, random);
    }

    /**
     * Opens a record under the current receiving key; while a key update is pending a record that fails
     * under the new key is tried under the old one (libspdm's fallback).
     */
    public SecuredMessage open(byte[] record) throws SecuredMessageException {
        try {
            return codec.decode(id, receiveKeys(), record);
        } catch (SecuredMessageException e) {
            Optional<DirectionKeys> backup = receiveBackup();
            if (e.reason() == SecuredMessageException.Reason.AUTHENTICATION_FAILED && backup.isPresent()) {
                return codec.decode(id, backup.get(), record);
            }
            throw e;
        }
    }

    /** The secret of the finished key the peer's verify data uses / ours uses. */
    public SecretBytes finishedKey(boolean requesterSide) {
        HandshakeSecrets hs = handshakeSecrets();
        return requesterSide ? hs.requestFinishedKey() : hs.responseFinishedKey();
    }

    /** Ends the session: every secret is destroyed; nothing can be sealed or opened afterwards. */
    public void end() {
        if (handshake != null) {
            handshake.destroy();
            handshake = null;
        }
        if (data != null) {
            data.destroy();
        }
        phase = Phase.ENDED;
    }

    @Override
    public void destroy() {
        end();
    }

    @Override
    public boolean isDestroyed() {
        return phase == Phase.ENDED;
    }

    @Override
    public String toString() {
        return "SecuredSession[" + id + ", " + role + ", " + phase + "]";
    }
}
