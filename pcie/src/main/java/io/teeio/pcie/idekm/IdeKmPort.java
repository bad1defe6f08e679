package io.teeio.pcie.idekm;

import java.util.List;
import java.util.Set;

/**
 * One IDE port of the device as IDE_KM sees it: its identity for QUERY_RESP, which streams it has, its
 * register dump, and the hooks through which the device's IDE engine receives keys. Implemented by the device
 * model; {@link #fixed} gives a static one.
 */
public interface IdeKmPort {
    int portIndex();

    /** Device/function number (bits[7:3] device, [2:0] function) reported in QUERY_RESP. */
    int devFuncNum();

    int busNum();

    int segment();

    /** Whether KEY_PROG and K_SET_* may name this StreamID on this port. */
    boolean supportsStream(int streamId);

    /** The current IDE extended capability registers, as DWs, for QUERY_RESP. */
    List<Integer> ideRegisters();

    /** A key was accepted for a slot; the engine keeps it until stopped. */
    default void keyProgrammed(int streamId, KeySubStream keySubStream, IdeKey key, long ifv) {
    }

    /** The slot's key is now in use. */
    default void keySetGo(int streamId, KeySubStream keySubStream) {
    }

    /** The slot's key is out of use and discarded. */
    default void keySetStopped(int streamId, KeySubStream keySubStream) {
    }

    static IdeKmPort fixed(int portIndex, int devFuncNum, int busNum, int segment, Set<Integer> streamIds,
            List<Integer> ideRegisters) {
        return new Fixed(portIndex, devFuncNum, busNum, segment, Set.copyOf(streamIds), List.copyOf(ideRegisters));
    }

    /** A port whose registers never change and whose engine is not modelled. */
    record Fixed(int portIndex, int devFuncNum, int busNum, int segment, Set<Integer> streamIds,
            List<Integer> ideRegisters) implements IdeKmPort {
        public Fixed {
            streamIds = Set.copyOf(streamIds);
            ideRegisters = List.copyOf(ideRegisters);
        }

        @Override
        public boolean supportsStream(int streamId) {
            return streamIds.contains(streamId);
        }
    }
}
