package io.teeio.spdm.responder;

import io.teeio.spdm.connection.Transcript;
import io.teeio.spdm.session.SecuredSession;

/** A session as the responder tracks it: the secured channel, its transcript and its measurement log. */
final class ResponderSession {
    final SecuredSession channel;
    final int slot;
    /** VCA || Ct || KEY_EXCHANGE || KEY_EXCHANGE_RSP || FINISH || FINISH_RSP, as far as the handshake got. */
    final Transcript th = new Transcript();
    /** Per-session measurement log (L1 inside the session). */
    final Transcript measurements = new Transcript();

    /** When the session last heard from the requester (the heartbeat watchdog's clock). */
    long lastHeardNanos;

    ResponderSession(SecuredSession channel, int slot, long nowNanos) {
        this.channel = channel;
        this.slot = slot;
        this.lastHeardNanos = nowNanos;
    }
}
