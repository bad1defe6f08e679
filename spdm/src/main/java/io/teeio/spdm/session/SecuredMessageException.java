package io.teeio.spdm.session;

/**
 * A secured record that could not be produced or accepted, with the reason as a value the engine can
 * act on. The message names what was wrong, never key material.
 */
public final class SecuredMessageException extends Exception {

    public enum Reason {
        /** No session with the record's id (raised by the caller's session lookup). */
        UNKNOWN_SESSION(false),
        /** The record's session id is not the one whose keys were offered. */
        SESSION_MISMATCH(false),
        /** Fewer bytes than the header or the record's own Length field requires. */
        TRUNCATED(false),
        /** A Length or ApplicationDataLength field outside what the record can hold. */
        BAD_LENGTH(false),
        /** The AEAD tag does not verify: tampered, wrong key or replayed under another counter. */
        AUTHENTICATION_FAILED(false),
        /** The record's sequence-number bytes differ from the receiver's expected counter. */
        SEQUENCE_MISMATCH(false),
        /** The direction's counter reached its maximum: the session must end. */
        SEQUENCE_EXHAUSTED(true);

        private final boolean endsSession;

        Reason(boolean endsSession) {
            this.endsSession = endsSession;
        }

        /** True when the session cannot go on with these keys at all. */
        public boolean endsSession() {
            return endsSession;
        }
    }

    private final Reason reason;

    public SecuredMessageException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
