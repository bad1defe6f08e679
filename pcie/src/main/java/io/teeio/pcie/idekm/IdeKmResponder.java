package io.teeio.pcie.idekm;

import io.teeio.pcie.vdm.PciSigProtocol;
import io.teeio.pcie.vdm.PciSigProtocolHandler;
import io.teeio.pcie.vdm.RefusalReason;
import io.teeio.pcie.vdm.VendorResponse;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;
import io.teeio.trace.Tracer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The DSM's IDE_KM responder. Per port and stream it keeps 12 key slots (key set x direction x sub-stream),
 * each EMPTY, PROGRAMMED or GO, with the SPDM session that programmed it. Key material goes to the port's
 * engine hook and is not kept here.
 *
 * <p>Answers: KEY_PROG always gets a KP_ACK (its status says what was wrong). QUERY, K_SET_GO and K_SET_STOP
 * have no failure form in IDE_KM, so a request they cannot honour (unknown port or stream, GO on an empty
 * slot, a malformed message) is refused and the SPDM layer answers ERROR, as spdm-emu does.
 */
public final class IdeKmResponder implements PciSigProtocolHandler, IdeStreamStatus {
    /** The IFV a freshly programmed key must start with. */
    public static final long INITIAL_IFV = 1;

    private enum SlotState { EMPTY, PROGRAMMED, GO }

    private static final class Slot {
        SlotState state = SlotState.EMPTY;
        int session;
    }

    /** The 12 slots of one stream, indexed by the KeySubStream's key set, direction and sub-stream. */
    private static final class StreamSlots {
        final Slot[] slots = new Slot[12];

        StreamSlots() {
            for (int i = 0; i < slots.length; i++) {
                slots[i] = new Slot();
            }
        }

        Slot slot(KeySet set, IdeDirection dir, SubStream sub) {
            return slots[set.ordinal() * 6 + dir.ordinal() * 3 + sub.ordinal()];
        }

        Slot slot(KeySubStream kss) {
            return slot(kss.keySet(), kss.direction(), kss.subStream().orElseThrow());
        }

        Optional<Slot> active(IdeDirection dir, SubStream sub) {
            for (KeySet set : KeySet.values()) {
                Slot s = slot(set, dir, sub);
                if (s.state == SlotState.GO) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }

        boolean secure() {
            for (IdeDirection dir : IdeDirection.values()) {
                for (SubStream sub : SubStream.values()) {
                    if (active(dir, sub).isEmpty()) {
                        return false;
                    }
                }
            }
            return true;
        }

        OptionalInt keyingSession() {
            if (!secure()) {
                return OptionalInt.empty();
            }
            Integer session = null;
            for (IdeDirection dir : IdeDirection.values()) {
                for (SubStream sub : SubStream.values()) {
                    int s = active(dir, sub).orElseThrow().session;
                    if (session != null && session != s) {
                        return OptionalInt.empty();
                    }
                    session = s;
                }
            }
            return OptionalInt.of(session);
        }
    }

    private record StreamKey(int port, int stream) {
    }

    private final Map<Integer, IdeKmPort> ports = new HashMap<>();
    private final int maxPortIndex;
    private final Map<StreamKey, StreamSlots> streams = new HashMap<>();
    private final List<IdeStreamListener> listeners = new CopyOnWriteArrayList<>();
    private final Tracer tracer;

    public IdeKmResponder(List<IdeKmPort> ports, Tracer tracer) {
        if (ports.isEmpty()) {
            throw new IllegalArgumentException("an IDE_KM responder needs at least one port");
        }
        for (IdeKmPort p : ports) {
            if (this.ports.put(p.portIndex(), p) != null) {
                throw new IllegalArgumentException("two ports with PortIndex " + p.portIndex());
            }
        }
        this.maxPortIndex = this.ports.keySet().stream().mapToInt(Integer::intValue).max().orElseThrow();
        this.tracer = tracer;
    }

    @Override
    public PciSigProtocol protocol() {
        return PciSigProtocol.IDE_KM;
    }

    @Override
    public void addStreamListener(IdeStreamListener listener) {
        listeners.add(listener);
    }

    @Override
    public synchronized boolean isSecure(int portIndex, int streamId) {
        StreamSlots s = streams.get(new StreamKey(portIndex, streamId));
        return s != null && s.secure();
    }

    @Override
    public synchronized OptionalInt keyingSession(int portIndex, int streamId) {
        StreamSlots s = streams.get(new StreamKey(portIndex, streamId));
        return s == null ? OptionalInt.empty() : s.keyingSession();
    }

    @Override
    public VendorResponse handle(int sessionId, Bytes message) {
        List<StreamKey> leftSecure = new ArrayList<>();
        VendorResponse response;
        synchronized (this) {
            response = handleLocked(sessionId, message.toByteArray(), leftSecure);
        }
        notifyLeftSecure(leftSecure);
        return response;
    }

    /** Keys programmed over the ending session are discarded; streams using them leave Secure. */
    @Override
    public void sessionTerminated(int sessionId) {
        List<StreamKey> leftSecure = new ArrayList<>();
        synchronized (this) {
            for (Map.Entry<StreamKey, StreamSlots> e : streams.entrySet()) {
                StreamKey key = e.getKey();
                StreamSlots slots = e.getValue();
                boolean wasSecure = slots.secure();
                for (KeySet set : KeySet.values()) {
                    for (IdeDirection dir : IdeDirection.values()) {
                        for (SubStream sub : SubStream.values()) {
                            Slot slot = slots.slot(set, dir, sub);
                            if (slot.state != SlotState.EMPTY && slot.session == sessionId) {
                                slot.state = SlotState.EMPTY;
                                ports.get(key.port).keySetStopped(key.stream, KeySubStream.of(set, dir, sub));
                            }
                        }
                    }
                }
                if (wasSecure && !slots.secure()) {
                    leftSecure.add(key);
                    traceStream(key, "session 0x" + Integer.toHexString(sessionId) + " terminated", true, false);
                }
            }
        }
        notifyLeftSecure(leftSecure);
    }

    private void notifyLeftSecure(List<StreamKey> keys) {
        for (StreamKey k : keys) {
            for (IdeStreamListener l : listeners) {
                l.streamLeftSecure(k.port, k.stream);
            }
        }
    }

    private VendorResponse handleLocked(int sessionId, byte[] bytes, List<StreamKey> leftSecure) {
        if (bytes.length == 0) {
            return refuse(RefusalReason.MALFORMED, "empty IDE_KM message");
        }
        Optional<IdeKmObjectId> id = IdeKmObjectId.fromCode(bytes[0] & 0xFF);
        if (id.isEmpty() || !id.get().isRequest()) {
            return refuse(RefusalReason.MALFORMED, "IDE_KM Object ID 0x" + Integer.toHexString(bytes[0] & 0xFF)
                    + " is not a request");
        }
        if (id.get() == IdeKmObjectId.KEY_PROG) {
            return keyProg(sessionId, bytes);
        }
        IdeKmMessage request;
        try {
            request = IdeKmCodec.decode(bytes);
        } catch (SpdmDecodeException e) {
            return refuse(RefusalReason.MALFORMED, e.getMessage());
        }
        if (request instanceof IdeKmMessage.Query q) {
            return query(q);
        }
        if (request instanceof IdeKmMessage.KSetGo go) {
            return setGo(go);
        }
        return setStop((IdeKmMessage.KSetStop) request, leftSecure);
    }

    private VendorResponse query(IdeKmMessage.Query q) {
        IdeKmPort port = ports.get(q.portIndex());
        if (port == null) {
            return refuse(RefusalReason.REJECTED, "QUERY for unsupported PortIndex " + q.portIndex());
        }
        tracer.event("pcie", "DSM", "TSM", "QUERY", "port " + q.portIndex());
        return answer(new IdeKmMessage.QueryResp(q.portIndex(), port.devFuncNum(), port.busNum(), port.segment(),
                maxPortIndex, port.ideRegisters()));
    }

    private VendorResponse keyProg(int sessionId, byte[] bytes) {
        if (bytes.length < IdeKmCodec.SHORT_MESSAGE_LENGTH) {
            return refuse(RefusalReason.MALFORMED, "KEY_PROG of " + bytes.length
                    + " bytes is too short to acknowledge");
        }
        int stream = bytes[3] & 0xFF;
        KeySubStream kss = new KeySubStream(bytes[5] & 0xFF);
        int portIndex = bytes[6] & 0xFF;
        if (bytes.length != IdeKmCodec.KEY_PROG_LENGTH) {
            return kpAck(stream, kss, portIndex, KpAckStatus.INCORRECT_LENGTH,
                    bytes.length + " bytes instead of " + IdeKmCodec.KEY_PROG_LENGTH);
        }
        IdeKmMessage.KeyProg kp;
        try {
            kp = (IdeKmMessage.KeyProg) IdeKmCodec.decode(bytes);
        } catch (SpdmDecodeException e) {
            return kpAck(stream, kss, portIndex, KpAckStatus.UNSUPPORTED_VALUE, e.getMessage());
        }
        IdeKmPort port = ports.get(portIndex);
        if (port == null) {
            return kpAck(stream, kss, portIndex, KpAckStatus.UNSUPPORTED_PORT_INDEX, "no port " + portIndex);
        }
        if (!port.supportsStream(stream)) {
            return kpAck(stream, kss, portIndex, KpAckStatus.UNSUPPORTED_VALUE, "no stream " + stream);
        }
        if (!kss.isValid()) {
            return kpAck(stream, kss, portIndex, KpAckStatus.UNSUPPORTED_VALUE, "undefined " + kss);
        }
        if (kp.ifv() != INITIAL_IFV) {
            return kpAck(stream, kss, portIndex, KpAckStatus.UNSUPPORTED_VALUE,
                    "IFV " + kp.ifv() + " instead of " + INITIAL_IFV);
        }
        Slot slot = streams.computeIfAbsent(new StreamKey(portIndex, stream), k -> new StreamSlots()).slot(kss);
        if (slot.state == SlotState.GO) {
            // The key in use cannot be replaced under traffic; stop it first or program the other key set.
            return kpAck(stream, kss, portIndex, KpAckStatus.UNSPECIFIED_FAILURE, "slot is in use");
        }
        port.keyProgrammed(stream, kss, kp.key(), kp.ifv());
        slot.state = SlotState.PROGRAMMED;
        slot.session = sessionId;
        return kpAck(stream, kss, portIndex, KpAckStatus.SUCCESS, "session 0x" + Integer.toHexString(sessionId));
    }

    private VendorResponse setGo(IdeKmMessage.KSetGo go) {
        Optional<String> bad = checkTarget(go.portIndex(), go.streamId(), go.keySubStream());
        if (bad.isPresent()) {
            return refuse(RefusalReason.REJECTED, "K_SET_GO: " + bad.get());
        }
        StreamKey key = new StreamKey(go.portIndex(), go.streamId());
        StreamSlots slots = streams.get(key);
        if (slots == null || slots.slot(go.keySubStream()).state == SlotState.EMPTY) {
            return refuse(RefusalReason.REJECTED, "K_SET_GO: no key programmed for " + go.keySubStream()
                    + " of port " + go.portIndex() + " stream " + go.streamId());
        }
        boolean wasSecure = slots.secure();
        KeySubStream kss = go.keySubStream();
        SubStream sub = kss.subStream().orElseThrow();
        // One key set carries a sub-stream at a time: going to this one retires the other.
        Slot other = slots.slot(kss.keySet() == KeySet.K0 ? KeySet.K1 : KeySet.K0, kss.direction(), sub);
        if (other.state == SlotState.GO) {
            other.state = SlotState.PROGRAMMED;
        }
        slots.slot(kss).state = SlotState.GO;
        ports.get(go.portIndex()).keySetGo(go.streamId(), kss);
        tracer.event("pcie", "DSM", "TSM", "K_SET_GO", describe(key, kss));
        if (!wasSecure && slots.secure()) {
            traceStream(key, "all sub-streams keyed and set to go", false, true);
        }
        return answer(new IdeKmMessage.KGoStopAck(go.streamId(), kss, go.portIndex()));
    }

    private VendorResponse setStop(IdeKmMessage.KSetStop stop, List<StreamKey> leftSecure) {
        Optional<String> bad = checkTarget(stop.portIndex(), stop.streamId(), stop.keySubStream());
        if (bad.isPresent()) {
            return refuse(RefusalReason.REJECTED, "K_SET_STOP: " + bad.get());
        }
        StreamKey key = new StreamKey(stop.portIndex(), stop.streamId());
        StreamSlots slots = streams.computeIfAbsent(key, k -> new StreamSlots());
        boolean wasSecure = slots.secure();
        Slot slot = slots.slot(stop.keySubStream());
        if (slot.state != SlotState.EMPTY) {
            slot.state = SlotState.EMPTY;
            ports.get(stop.portIndex()).keySetStopped(stop.streamId(), stop.keySubStream());
        }
        tracer.event("pcie", "DSM", "TSM", "K_SET_STOP", describe(key, stop.keySubStream()));
        if (wasSecure && !slots.secure()) {
            leftSecure.add(key);
            traceStream(key, "K_SET_STOP", true, false);
        }
        return answer(new IdeKmMessage.KGoStopAck(stop.streamId(), stop.keySubStream(), stop.portIndex()));
    }

    private Optional<String> checkTarget(int portIndex, int streamId, KeySubStream kss) {
        IdeKmPort port = ports.get(portIndex);
        if (port == null) {
            return Optional.of("unsupported PortIndex " + portIndex);
        }
        if (!port.supportsStream(streamId)) {
            return Optional.of("port " + portIndex + " has no stream " + streamId);
        }
        if (!kss.isValid()) {
            return Optional.of("undefined " + kss);
        }
        return Optional.empty();
    }

    private VendorResponse kpAck(int stream, KeySubStream kss, int port, KpAckStatus status, String why) {
        tracer.event("pcie", "DSM", "TSM", "KEY_PROG", "port " + port + " stream " + stream + " " + kss + " -> "
                + status + " (" + why + ")");
        return answer(new IdeKmMessage.KpAck(stream, status, kss, port));
    }

    private void traceStream(StreamKey key, String why, boolean before, boolean after) {
        tracer.transition("pcie", "DSM", "", "IDE_STREAM", "port " + key.port + " stream " + key.stream + ": " + why,
                before ? "SECURE" : "INSECURE", after ? "SECURE" : "INSECURE");
    }

    private static String describe(StreamKey key, KeySubStream kss) {
        return "port " + key.port + " stream " + key.stream + " " + kss;
    }

    private static VendorResponse answer(IdeKmMessage m) {
        return new VendorResponse.Answer(Bytes.of(IdeKmCodec.encode(m)));
    }

    private VendorResponse refuse(RefusalReason reason, String detail) {
        tracer.event("pcie", "DSM", "TSM", "IDE_KM_REFUSED", detail);
        return new VendorResponse.Refusal(reason, detail);
    }
}
