package io.teeio.pcie.idekm;

import java.util.OptionalInt;

/** What the DSM's IDE key management knows about its streams; TDISP LOCK_INTERFACE consults it. */
public interface IdeStreamStatus {
    /**
     * Secure = for every direction and sub-stream (RX/TX x PR/NPR/CPL) a programmed key is set to go.
     */
    boolean isSecure(int portIndex, int streamId);

    /**
     * The SPDM session over which every key now in use on the stream was programmed; empty when the stream is
     * not Secure or its keys came over different sessions.
     */
    OptionalInt keyingSession(int portIndex, int streamId);

    void addStreamListener(IdeStreamListener listener);
}
