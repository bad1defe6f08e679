package io.teeio.spdm.session;

import io.teeio.spdm.crypto.SecretBytes;
import javax.security.auth.Destroyable;

/**
 * The data (application) phase of a session: both directions' data keys and the export master secret.
 *
 * <p>KEY_UPDATE operations (DSP0274; timing as libspdm, PROTOCOLS.md 1.12). The whole-session calls
 * below suit a responder; a requester switches each direction at its own moment through
 * {@link #request()} / {@link #response()}:
 * <ul>
 *   <li>UpdateKey: responder calls {@link #updateKey()} after opening the request with the old key;
 *       requester calls {@code request().update()} after the ACK.</li>
 *   <li>UpdateAllKeys: responder calls {@link #updateAllKeys()} and {@code response().commit()} before
 *       sealing the ACK (which goes under the new response key); requester calls
 *       {@code response().update()} before sending and {@code request().update()} after the ACK.</li>
 *   <li>VerifyNewKey: once a record authenticated under the new request key, {@link #verifyNewKey()}
 *       commits whatever is pending.</li>
 * </ul>
 */
public final class DataSecrets implements Destroyable {
    private final SecretBytes exportMasterSecret;
    private final DataKeys request;
    private final DataKeys response;

    DataSecrets(SecretBytes exportMasterSecret, DataKeys request, DataKeys response) {
        this.exportMasterSecret = exportMasterSecret;
        this.request = request;
        this.response = response;
    }

    public SecretBytes exportMasterSecret() {
        return exportMasterSecret;
    }

    /** Requester-to-Responder direction. */
    public DataKeys request() {
        return request;
    }

    /** Responder-to-Requester direction. */
    public DataKeys response() {
        return response;
    }

    /** KEY_UPDATE UpdateKey: the request direction moves to its next key, the old one kept as backup. */
    public void updateKey() {
        checkNoUpdatePending();
        request.update();
    }

    /** KEY_UPDATE UpdateAllKeys: both directions move to their next keys, the old ones kept as backups. */
    public void updateAllKeys() {
        checkNoUpdatePending();
        request.update();
        response.update();
    }

    /** KEY_UPDATE VerifyNewKey: every pending update becomes final and its backup is erased. */
    public void verifyNewKey() {
        if (!keyUpdatePending()) {
            throw new IllegalStateException("VerifyNewKey without a pending key update");
        }
        if (request.updatePending()) {
            request.commit();
        }
        if (response.updatePending()) {
            response.commit();
        }
    }

    /** Undoes every pending update (e.g. the peer never confirmed it). */
    public void revertKeyUpdate() {
        if (request.updatePending()) {
            request.revert();
        }
        if (response.updatePending()) {
            response.revert();
        }
    }

    public boolean keyUpdatePending() {
        return request.updatePending() || response.updatePending();
    }

    private void checkNoUpdatePending() {
        if (keyUpdatePending()) {
            throw new IllegalStateException("a key update is already pending; VerifyNewKey first");
        }
    }

    @Override
    public void destroy() {
        exportMasterSecret.destroy();
        request.destroy();
        response.destroy();
    }

    @Override
    public boolean isDestroyed() {
        return exportMasterSecret.isDestroyed();
    }

    @Override
    public String toString() {
        return "DataSecrets[" + (isDestroyed() ? "erased" : "request " + request + ", response " + response) + "]";
    }
}
