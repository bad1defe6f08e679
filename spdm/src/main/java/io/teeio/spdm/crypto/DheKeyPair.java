package io.teeio.spdm.crypto;

import javax.security.auth.Destroyable;

/**
 * An ephemeral DHE key pair for one KEY_EXCHANGE. Its private half lives only here; {@link #destroy()}
 * erases it, after which {@link #agree} refuses. Also {@link AutoCloseable}, closing = destroying.
 */
public interface DheKeyPair extends Destroyable, AutoCloseable {

    DheGroup group();

    /** The ExchangeData for the wire: for ECDHE X||Y, each big-endian, C bytes, no 0x04 prefix (D bytes). */
    byte[] publicValue();

    /**
     * The shared secret with a peer's ExchangeData: for ECDHE the x-coordinate of the shared point,
     * big-endian, exactly C bytes.
     *
     * @throws DhePublicValueException when the peer value has the wrong length or is not a point of the group
     * @throws IllegalStateException   after {@link #destroy()}
     */
    SecretBytes agree(byte[] peerPublicValue) throws DhePublicValueException;

    @Override
    void destroy();

    @Override
    boolean isDestroyed();

    @Override
    default void close() {
        destroy();
    }
}
