package io.teeio.pcie.idekm;

import java.util.List;
import java.util.Objects;

/** Every IDE_KM message; {@link IdeKmCodec} turns them into bytes (the part after the ProtocolID byte). */
public sealed interface IdeKmMessage {

    IdeKmObjectId objectId();

    /** QUERY: asks for a port's identity and IDE register dump. */
    record Query(int portIndex) implements IdeKmMessage {
        public Query {
            checkU8(portIndex, "PortIndex");
        }

        @Override
        public IdeKmObjectId objectId() {
            return IdeKmObjectId.QUERY;
        }
    }

    /**
     * QUERY_RESP.
     *
     * @param ideRegisters the IDE extended capability registers as DWs (IDE capability, IDE control, link IDE
     *                     register blocks, selective IDE stream register blocks)
     */
    record QueryResp(int portIndex, int devFuncNum, int busNum, int segment, int maxPortIndex,
            List<Integer> ideRegisters) implements IdeKmMessage {
        public QueryResp {
            checkU8(portIndex, "PortIndex");
            checkU8(devFuncNum, "DevFuncNum");
            checkU8(busNum, "BusNum");
            checkU8(segment, "Segment");
            checkU8(maxPortIndex, "MaxPortIndex");
            ideRegisters = List.copyOf(ideRegisters);
        }

        @Override
        public IdeKmObjectId objectId() {
            return IdeKmObjectId.QUERY_RESP;
        }
    }

    /**
     * KEY_PROG: one key for one sub-stream, direction and key set of a stream.
     *
     * @param ifv the initial invocation field of the IV, as a 64-bit value (the first IFV DW carries its upper
     *            half); 1 for a fresh key
     */
    record KeyProg(int streamId, KeySubStream keySubStream, int portIndex, IdeKey key, long ifv)
            implements IdeKmMessage {
        public KeyProg {
            checkU8(streamId, "StreamID");
            Objects.requireNonNull(keySubStream, "keySubStream");
            checkU8(portIndex, "PortIndex");
            Objects.requireNonNull(key, "key");
        }

        @Override
        public IdeKmObjectId objectId() {
            return IdeKmObjectId.KEY_PROG;
        }
    }

    /** KP_ACK: the outcome of one KEY_PROG. */
    record KpAck(int streamId, KpAckStatus status, KeySubStream keySubStream, int portIndex)
            implements IdeKmMessage {
        public KpAck {
            checkU8(streamId, "StreamID");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(keySubStream, "keySubStream");
            checkU8(portIndex, "PortIndex");
        }

        @Override
        public IdeKmObjectId objectId() {
            return IdeKmObjectId.KP_ACK;
        }
    }

    /** K_SET_GO: start using a programmed key. */
    record KSetGo(int streamId, KeySubStream keySubStream, int portIndex) implements IdeKmMessage {
        public KSetGo {
            checkU8(streamId, "StreamID");
            Objects.requireNonNull(keySubStream, "keySubStream");
            checkU8(portIndex, "PortIndex");
        }

        @Override
        public IdeKmObjectId objectId() {
            return IdeKmObjectId.K_SET_GO;
        }
    }

    /** K_SET_STOP: stop using a key and discard it. */
    record KSetStop(int streamId, KeySubStream keySubStream, int portIndex) implements IdeKmMessage {
        public KSetStop {
            checkU8(streamId, "StreamID");
            Objects.requireNonNull(keySubStream, "keySubStream");
            checkU8(portIndex, "PortIndex");
        }

        @Override
        public IdeKmObjectId objectId() {
            return IdeKmObjectId.K_SET_STOP;
        }
    }

    /** K_GOSTOP_ACK: the one acknowledgement of both K_SET_GO and K_SET_STOP. */
    record KGoStopAck(int streamId, KeySubStream keySubStream, int portIndex) implements IdeKmMessage {
        public KGoStopAck {
            checkU8(streamId, "StreamID");
            Objects.requireNonNull(keySubStream, "keySubStream");
            checkU8(portIndex, "PortIndex");
        }

        @Override
        public IdeKmObjectId objectId() {
            return IdeKmObjectId.K_GOSTOP_ACK;
        }
    }

    private static void checkU8(int v, String field) {
        if (v < 0 || v > 0xFF) {
            throw new IllegalArgumentException(field + " out of 8 bits: " + v);
        }
    }
}
