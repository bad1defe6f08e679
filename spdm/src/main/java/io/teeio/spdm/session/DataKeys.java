package io.teeio.spdm.session;

import io.teeio.spdm.crypto.SecretBytes;
import java.util.Optional;
import javax.security.auth.Destroyable;

/**
 * One direction of the data phase: its data secret, the AEAD keys derived from it, and, while a
 * KEY_UPDATE is unconfirmed, the previous secret and keys as a backup (DSP0274 KEY_UPDATE: the old key
 * stays usable until VerifyNewKey proves the new one; libspdm falls back to it on a decryption failure).
 *
 * <p>{@link #update()} derives the next secret ("traffic upd") and fresh keys (sequence number 0) and
 * keeps the old ones as the backup; {@link #commit()} erases the backup; {@link #revert()} erases the
 * new ones and restores the backup. Only one update may be pending.
 */
public final class DataKeys implements Destroyable {
    private final SpdmKeySchedule schedule;
    private SecretBytes secret;
    private DirectionKeys current;
    private SecretBytes backupSecret;
    private DirectionKeys backupKeys;

    DataKeys(SpdmKeySchedule schedule, SecretBytes secret) {
        this.schedule = schedule;
        this.secret = secret;
        this.current = schedule.directionKeys(secret);
    }

    /** The keys records in this direction are sealed and opened with now. */
    public DirectionKeys current() {
        return current;
    }

    /** The pre-update keys while an update is pending. */
    public Optional<DirectionKeys> backup() {
        return Optional.ofNullable(backupKeys);
    }

    /** The current data secret (request_data_secret / response_data_secret, or its updated successor). */
    public SecretBytes secret() {
        return secret;
    }

    public boolean updatePending() {
        return backupKeys != null;
    }

    /**
     * Switches to the next data secret and its keys, keeping the old ones as the backup.
     *
     * @throws IllegalStateException while a previous update is neither committed nor reverted
     */
    public void update() {
        if (updatePending()) {
            throw new IllegalStateException("a key update is already pending in this direction");
        }
        SecretBytes next = schedule.nextDataSecret(secret);
        DirectionKeys nextKeys = schedule.directionKeys(next);
        backupSecret = secret;
        backupKeys = current;
        secret = next;
        current = nextKeys;
    }

    /** Makes the update final: the backup is erased. */
    public void commit() {
        requirePending();
        backupSecret.destroy();
        backupKeys.destroy();
        backupSecret = null;
        backupKeys = null;
    }

    /** Abandons the update: the new secret and keys are erased and the backup is current again. */
    public void revert() {
        requirePending();
        secret.destroy();
        current.destroy();
        secret = backupSecret;
        current = backupKeys;
        backupSecret = null;
        backupKeys = null;
    }

    private void requirePending() {
        if (!updatePending()) {
            throw new IllegalStateException("no key update pending in this direction");
        }
    }

    @Override
    public void destroy() {
        secret.destroy();
        current.destroy();
        if (updatePending()) {
            backupSecret.destroy();
            backupKeys.destroy();
        }
    }

    @Override
    public boolean isDestroyed() {
        return secret.isDestroyed();
    }

    @Override
    public String toString() {
        return "DataKeys[" + current + (updatePending() ? ", update pending" : "") + "]";
    }
}
