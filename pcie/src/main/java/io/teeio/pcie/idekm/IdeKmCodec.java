package io.teeio.pcie.idekm;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.ByteWriter;
import io.teeio.spdm.codec.SpdmDecodeException;
import java.util.ArrayList;
import java.util.List;

/**
 * IDE_KM messages to and from bytes. The bytes start at the Object ID (the ProtocolID byte before it belongs
 * to the vendor payload). Decoding is strict: exact sizes, reserved bytes zero.
 */
public final class IdeKmCodec {
    /** KEY_PROG's size after the ProtocolID byte. */
    public static final int KEY_PROG_LENGTH = 47;
    /** KP_ACK, K_SET_GO, K_SET_STOP and K_GOSTOP_ACK are all this long. */
    public static final int SHORT_MESSAGE_LENGTH = 7;

    private IdeKmCodec() {
    }

    public static byte[] encode(IdeKmMessage message) {
        ByteWriter w = new ByteWriter().u8(message.objectId().code());
        if (message instanceof IdeKmMessage.Query m) {
            w.u8(0).u8(m.portIndex());
        } else if (message instanceof IdeKmMessage.QueryResp m) {
            w.u8(0).u8(m.portIndex()).u8(m.devFuncNum()).u8(m.busNum()).u8(m.segment()).u8(m.maxPortIndex());
            for (int dw : m.ideRegisters()) {
                w.u32(dw);
            }
        } else if (message instanceof IdeKmMessage.KeyProg m) {
            w.u16(0).u8(m.streamId()).u8(0).u8(m.keySubStream().value()).u8(m.portIndex());
            w.bytes(m.key().toByteArray());
            w.u32((int) (m.ifv() >>> 32)).u32((int) m.ifv());
        } else if (message instanceof IdeKmMessage.KpAck m) {
            w.u16(0).u8(m.streamId()).u8(m.status().code()).u8(m.keySubStream().value()).u8(m.portIndex());
        } else if (message instanceof IdeKmMessage.KSetGo m) {
            shortBody(w, m.streamId(), m.keySubStream(), m.portIndex());
        } else if (message instanceof IdeKmMessage.KSetStop m) {
            shortBody(w, m.streamId(), m.keySubStream(), m.portIndex());
        } else if (message instanceof IdeKmMessage.KGoStopAck m) {
            shortBody(w, m.streamId(), m.keySubStream(), m.portIndex());
        }
        return w.toByteArray();
    }

    private static void shortBody(ByteWriter w, int streamId, KeySubStream kss, int portIndex) {
        w.u16(0).u8(streamId).u8(0).u8(kss.value()).u8(portIndex);
    }

    public static IdeKmMessage decode(byte[] bytes) throws SpdmDecodeException {
        if (bytes.length == 0) {
            throw new SpdmDecodeException("IDE_KM: empty message, no Object ID");
        }
        int code = bytes[0] & 0xFF;
        IdeKmObjectId id = IdeKmObjectId.fromCode(code).orElseThrow(
                () -> new SpdmDecodeException("IDE_KM: unknown Object ID 0x" + Integer.toHexString(code)));
        ByteReader r = new ByteReader(bytes, "IDE_KM " + id);
        r.skip(1, "Object ID");
        IdeKmMessage m = switch (id) {
            case QUERY -> {
                reserved(r, 1, "Reserved");
                yield new IdeKmMessage.Query(r.u8("PortIndex"));
            }
            case QUERY_RESP -> decodeQueryResp(r);
            case KEY_PROG -> decodeKeyProg(r, bytes.length);
            case KP_ACK -> {
                reserved(r, 2, "Reserved");
                int stream = r.u8("StreamID");
                int statusCode = r.u8("Status");
                KpAckStatus status = KpAckStatus.fromCode(statusCode).orElseThrow(() -> new SpdmDecodeException(
                        "IDE_KM KP_ACK: unknown Status 0x" + Integer.toHexString(statusCode)));
                yield new IdeKmMessage.KpAck(stream, status, new KeySubStream(r.u8("KeySubStream")),
                        r.u8("PortIndex"));
            }
            case K_SET_GO -> {
                ShortBody b = shortBody(r);
                yield new IdeKmMessage.KSetGo(b.stream, b.kss, b.port);
            }
            case K_SET_STOP -> {
                ShortBody b = shortBody(r);
                yield new IdeKmMessage.KSetStop(b.stream, b.kss, b.port);
            }
            case K_GOSTOP_ACK -> {
                ShortBody b = shortBody(r);
                yield new IdeKmMessage.KGoStopAck(b.stream, b.kss, b.port);
            }
        };
        r.end();
        return m;
    }

    private static IdeKmMessage decodeQueryResp(ByteReader r) throws SpdmDecodeException {
        reserved(r, 1, "Reserved");
        int port = r.u8("PortIndex");
        int devFunc = r.u8("DevFuncNum");
        int bus = r.u8("BusNum");
        int segment = r.u8("Segment");
        int maxPort = r.u8("MaxPortIndex");
        if (r.remaining() % 4 != 0) {
            throw new SpdmDecodeException("IDE_KM QUERY_RESP: IDE register dump of " + r.remaining()
                    + " bytes is not a whole number of DWs");
        }
        List<Integer> regs = new ArrayList<>(r.remaining() / 4);
        while (r.remaining() > 0) {
            regs.add(r.u32("IDE register"));
        }
        return new IdeKmMessage.QueryResp(port, devFunc, bus, segment, maxPort, regs);
    }

    private static IdeKmMessage decodeKeyProg(ByteReader r, int length) throws SpdmDecodeException {
        if (length != KEY_PROG_LENGTH) {
            throw new SpdmDecodeException("IDE_KM KEY_PROG: " + length + " bytes, must be exactly "
                    + KEY_PROG_LENGTH);
        }
        reserved(r, 2, "Reserved");
        int stream = r.u8("StreamID");
        reserved(r, 1, "Reserved");
        KeySubStream kss = new KeySubStream(r.u8("KeySubStream"));
        int port = r.u8("PortIndex");
        IdeKey key = IdeKey.of(r.bytes(IdeKey.LENGTH, "Key").toByteArray());
        long hi = r.u32("IFV DW0") & 0xFFFFFFFFL;
        long lo = r.u32("IFV DW1") & 0xFFFFFFFFL;
        return new IdeKmMessage.KeyProg(stream, kss, port, key, hi << 32 | lo);
    }

    private record ShortBody(int stream, KeySubStream kss, int port) {
    }

    private static ShortBody shortBody(ByteReader r) throws SpdmDecodeException {
        reserved(r, 2, "Reserved");
        int stream = r.u8("StreamID");
        reserved(r, 1, "Reserved");
        return new ShortBody(stream, new KeySubStream(r.u8("KeySubStream")), r.u8("PortIndex"));
    }

    private static void reserved(ByteReader r, int n, String field) throws SpdmDecodeException {
        int at = r.position();
        for (int i = 0; i < n; i++) {
            if (r.u8(field) != 0) {
                throw new SpdmDecodeException("IDE_KM: reserved byte at offset " + (at + i) + " is not zero");
            }
        }
    }
}
