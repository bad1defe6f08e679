package io.teeio.spdm.session;

import io.teeio.spdm.crypto.SecretBytes;
import javax.security.auth.Destroyable;

/**
 * The handshake phase of a session: the handshake secret (kept for the master secret), the per-direction
 * handshake secrets, the finished keys (for RequesterVerifyData / ResponderVerifyData) and the handshake
 * AEAD keys (for FINISH / FINISH_RSP when the handshake is not in the clear). Erase once the data
 * secrets are derived.
 */
public final class HandshakeSecrets implements Destroyable {
    private final SecretBytes handshakeSecret;
    private final SecretBytes requestHandshakeSecret;
    private final SecretBytes responseHandshakeSecret;
    private final SecretBytes requestFinishedKey;
    private final SecretBytes responseFinishedKey;
    private final DirectionKeys requestKeys;
    private final DirectionKeys responseKeys;

    HandshakeSecrets(SecretBytes handshakeSecret, SecretBytes requestHandshakeSecret,
            SecretBytes responseHandshakeSecret, SecretBytes requestFinishedKey, SecretBytes responseFinishedKey,
            DirectionKeys requestKeys, DirectionKeys responseKeys) {
        this.handshakeSecret = handshakeSecret;
        this.requestHandshakeSecret = requestHandshakeSecret;
        this.responseHandshakeSecret = responseHandshakeSecret;
        this.requestFinishedKey = requestFinishedKey;
        this.responseFinishedKey = responseFinishedKey;
        this.requestKeys = requestKeys;
        this.responseKeys = responseKeys;
    }

    public SecretBytes handshakeSecret() {
        return handshakeSecret;
    }

    public SecretBytes requestHandshakeSecret() {
        return requestHandshakeSecret;
    }

    public SecretBytes responseHandshakeSecret() {
        return responseHandshakeSecret;
    }

    public SecretBytes requestFinishedKey() {
        return requestFinishedKey;
    }

    public SecretBytes responseFinishedKey() {
        return responseFinishedKey;
    }

    /** Requester-to-Responder handshake AEAD keys. */
    public DirectionKeys requestKeys() {
        return requestKeys;
    }

    /** Responder-to-Requester handshake AEAD keys. */
    public DirectionKeys responseKeys() {
        return responseKeys;
    }

    @Override
    public void destroy() {
        handshakeSecret.destroy();
        requestHandshakeSecret.destroy();
        responseHandshakeSecret.destroy();
        requestFinishedKey.destroy();
        responseFinishedKey.destroy();
        requestKeys.destroy();
        responseKeys.destroy();
    }

    @Override
    public boolean isDestroyed() {
        return handshakeSecret.isDestroyed();
    }

    @Override
    public String toString() {
        return "HandshakeSecrets[" + (isDestroyed() ? "erased" : "request " + requestKeys + ", response "
                + responseKeys) + "]";
    }
}
