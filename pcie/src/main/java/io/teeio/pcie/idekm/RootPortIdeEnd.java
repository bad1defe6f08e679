package io.teeio.pcie.idekm;

/**
 * The root port's end of an IDE stream, programmed by the TSM directly (host registers, not IDE_KM).
 * Directions are the root port's own: its TX key is the device's RX key.
 */
public interface RootPortIdeEnd {
    void programKey(int streamId, KeySubStream keySubStream, IdeKey key, long ifv) throws IdeSetupException;

    void go(int streamId, KeySubStream keySubStream) throws IdeSetupException;

    /** Stops using the key and discards it. */
    void stop(int streamId, KeySubStream keySubStream) throws IdeSetupException;
}
