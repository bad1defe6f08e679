package io.teeio.spdm.connection;

import io.teeio.spdm.message.SpdmCode;
import io.teeio.spdm.message.SpdmVersion;

/**
 * The transcripts of one connection, kept identically by requester and responder (M1/M2 and L1/L2 are the
 * same bytes seen from either side): VCA, B (digests and certificates), C (challenge), and the measurement
 * log M outside sessions. The reset rules follow libspdm (PROTOCOLS.md §1.17).
 */
public final class ConnectionTranscripts {
    private final Transcript vca = new Transcript();
    private final Transcript b = new Transcript();
    private final Transcript c = new Transcript();
    private final Transcript m = new Transcript();
    private boolean authenticated;

    public Transcript vca() {
        return vca;
    }

    public Transcript b() {
        return b;
    }

    public Transcript c() {
        return c;
    }

    /** The measurement log outside sessions. */
    public Transcript m() {
        return m;
    }

    /** GET_VERSION: everything starts over. */
    public void resetAll() {
        vca.reset();
        b.reset();
        c.reset();
        m.reset();
        authenticated = false;
    }

    /** The connection counts as authenticated after a verified CHALLENGE_AUTH (affects B/C resets). */
    public void markAuthenticated() {
        authenticated = true;
        b.reset();
        c.reset();
    }

    public boolean authenticated() {
        return authenticated;
    }

    /**
     * Applies the resets a request causes before it is processed, as libspdm does on both sides.
     * {@code sessionMeasurements} is the per-session log when the request is inside a session, else null.
     */
    public void beforeRequest(int requestCode, Transcript sessionMeasurements) {
        if (requestCode != SpdmCode.GET_MEASUREMENTS) {
            // inside a session only the session's log restarts (libspdm_reset_message_m)
            if (sessionMeasurements != null) {
                sessionMeasurements.reset();
            } else {
                m.reset();
            }
        }
        switch (requestCode) {
            case SpdmCode.KEY_EXCHANGE, SpdmCode.GET_MEASUREMENTS, SpdmCode.FINISH, SpdmCode.PSK_EXCHANGE,
                    SpdmCode.PSK_FINISH, SpdmCode.KEY_UPDATE, SpdmCode.HEARTBEAT,
                    SpdmCode.GET_ENCAPSULATED_REQUEST, SpdmCode.END_SESSION -> {
                if (!authenticated) {
                    b.reset();
                    c.reset();
                }
            }
            case SpdmCode.GET_DIGESTS -> b.reset();
            default -> {
            }
        }
    }

    /** M1/M2 = VCA || B || C (C without the CHALLENGE_AUTH signature). */
    public byte[] challengeTranscript() {
        return concat(vca.toByteArray(), b.toByteArray(), c.toByteArray());
    }

    /** L1/L2 = VCA || M at 1.2+ (M alone before 1.2). */
    public byte[] measurementTranscript(SpdmVersion version, Transcript log) {
        return version.atLeast(SpdmVersion.V1_2) ? concat(vca.toByteArray(), log.toByteArray()) : log.toByteArray();
    }

    public static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int off = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, off, p.length);
            off += p.length;
        }
        return out;
    }
}
