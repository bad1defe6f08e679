package io.teeio.pcie.idekm;

/** Told when an IDE stream stops being Secure (TDISP sends TDIs bound to it to ERROR). */
@FunctionalInterface
public interface IdeStreamListener {
    void streamLeftSecure(int portIndex, int streamId);
}
