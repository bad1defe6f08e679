package io.teeio.platform.dsm;

import io.teeio.pcie.idekm.IdeDirection;
import io.teeio.pcie.idekm.IdeKey;
import io.teeio.pcie.idekm.IdeKmPort;
import io.teeio.pcie.idekm.KeySet;
import io.teeio.pcie.idekm.KeySubStream;
import io.teeio.pcie.idekm.SubStream;
import io.teeio.platform.device.Endpoint;
import io.teeio.platform.fault.FaultInjector;
import io.teeio.platform.fault.FaultPoint;
import io.teeio.platform.pci.IdeRegisters;
import io.teeio.platform.pci.IdeStreamState;
import io.teeio.platform.rootport.IdeKeyMaterial;
import io.teeio.platform.rootport.RootPort;
import io.teeio.trace.Tracer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * The endpoint's IDE port as IDE_KM serves it (PortIndex 0): identity from the PF's routing id, QUERY_RESP from
 * the IDE capability registers, and the IDE engine's key slots behind the key-programmed / go / stop hooks. When
 * all six sub-streams of a stream have a key at go the engine sets the stream Secure in the endpoint's IDE
 * registers; when one stops it goes Insecure; either way the root port is told its device end changed.
 *
 * <p>A stream is supported when a selective stream block carries its Stream ID (software programs it before
 * keying, as Linux's PCI/IDE core does). Fault {@link FaultPoint#IDE_KEY_PROG_FAILURE}: IdeKmPort has no hook
 * that can fail a KEY_PROG, so the engine refuses the stream instead, which the IDE_KM responder answers with
 * KP_ACK Unsupported Value and no key programmed. The point is queried while the stream has no complete key
 * set, i.e. at each KEY_PROG of a keying (and at each K_SET_STOP of a teardown before the set completes;
 * K_SET_GO only follows a complete set).
 */
final class EndpointIdePort implements IdeKmPort {
    private enum Slot { EMPTY, PROGRAMMED, GO }

    /** One stream's 12 slots: key set x direction x sub-stream. */
    private static final class Slots {
        final Slot[] state = new Slot[12];
        /** Key then IFV (40 bytes) per slot: the engine's copy, zeroed when the slot empties. */
        final byte[][] keys = new byte[12][];

        Slots() {
            Arrays.fill(state, Slot.EMPTY);
        }

        static int index(KeySet set, IdeDirection dir, SubStream sub) {
            return set.ordinal() * 6 + dir.ordinal() * 3 + sub.ordinal();
        }

        boolean secure() {
            for (IdeDirection d : IdeDirection.values()) {
                for (SubStream s : SubStream.values()) {
                    if (state[index(KeySet.K0, d, s)] != Slot.GO && state[index(KeySet.K1, d, s)] != Slot.GO) {
                        return false;
                    }
                }
            }
            return true;
        }

        boolean completeKeySet() {
            for (KeySet set : KeySet.values()) {
                boolean all = true;
                for (IdeDirection d : IdeDirection.values()) {
                    for (SubStream s : SubStream.values()) {
                        all &= state[index(set, d, s)] != Slot.EMPTY;
                    }
                }
                if (all) {
                    return true;
                }
            }
            return false;
        }

        int inUse() {
            return (int) Arrays.stream(state).filter(s -> s != Slot.EMPTY).count();
        }

        void clear(int i) {
            state[i] = Slot.EMPTY;
            if (keys[i] != null) {
                Arrays.fill(keys[i], (byte) 0);
                keys[i] = null;
            }
        }

        void clearAll() {
            for (int i = 0; i < state.length; i++) {
                clear(i);
            }
        }
    }

    private final Endpoint endpoint;
    private final IdeRegisters ide;
    private final FaultInjector faults;
    private final IntConsumer deviceEndChanged;
    private final Tracer tracer;
    private final Map<Integer, Slots> streams = new HashMap<>();

    /** @param deviceEndChanged told the Stream ID whenever this end's readiness may have changed (the root port) */
    EndpointIdePort(Endpoint endpoint, FaultInjector faults, IntConsumer deviceEndChanged, Tracer tracer) {
        this.endpoint = endpoint;
        this.ide = endpoint.ide().orElseThrow(() -> new IllegalArgumentException("the endpoint has no IDE capability"));
        this.faults = faults;
        this.deviceEndChanged = deviceEndChanged;
        this.tracer = tracer;
    }

    @Override
    public int portIndex() {
        return FunctionTdiHost.IDE_PORT;
    }

    @Override
    public int devFuncNum() {
        return endpoint.pf().routingId().value() & 0xFF;
    }

    @Override
    public int busNum() {
        return endpoint.pf().routingId().bus();
    }

    @Override
    public int segment() {
        return 0;
    }

    @Override
    public synchronized boolean supportsStream(int streamId) {
        if (ide.blockOf(streamId).isEmpty()) {
            return false;
        }
        Slots s = streams.get(streamId);
        if ((s == null || !s.completeKeySet()) && faults.fires(FaultPoint.IDE_KEY_PROG_FAILURE)) {
            tracer.event("device", "IDE engine", "", "FAULT", FaultPoint.IDE_KEY_PROG_FAILURE
                    + ": stream " + streamId + " refuses the key");
            return false;
        }
        return true;
    }

    @Override
    public List<Integer> ideRegisters() {
        return Arrays.stream(ide.registerDump()).boxed().toList();
    }

    @Override
    public synchronized void keyProgrammed(int streamId, KeySubStream kss, IdeKey key, long ifv) {
        Slots s = streams.computeIfAbsent(streamId, k -> new Slots());
        int i = index(kss);
        s.clear(i);
        s.state[i] = Slot.PROGRAMMED;
        byte[] k = key.toByteArray();
        s.keys[i] = Arrays.copyOf(k, IdeKeyMaterial.KEY_LENGTH + IdeKeyMaterial.IFV_LENGTH);
        System.arraycopy(ifvBytes(ifv), 0, s.keys[i], IdeKeyMaterial.KEY_LENGTH, IdeKeyMaterial.IFV_LENGTH);
        Arrays.fill(k, (byte) 0);
    }

    @Override
    public void keySetGo(int streamId, KeySubStream kss) {
        boolean nowSecure;
        synchronized (this) {
            Slots s = streams.computeIfAbsent(streamId, k -> new Slots());
            boolean was = s.secure();
            int other = Slots.index(kss.keySet() == KeySet.K0 ? KeySet.K1 : KeySet.K0, kss.direction(),
                    kss.subStream().orElseThrow());
            if (s.state[other] == Slot.GO) {
                s.state[other] = Slot.PROGRAMMED;
            }
            s.state[index(kss)] = Slot.GO;
            nowSecure = !was && s.secure();
        }
        if (nowSecure) {
            streamState(streamId, IdeStreamState.SECURE);
        }
    }

    @Override
    public void keySetStopped(int streamId, KeySubStream kss) {
        boolean leftSecure;
        synchronized (this) {
            Slots s = streams.get(streamId);
            if (s == null) {
                return;
            }
            boolean was = s.secure();
            s.clear(index(kss));
            leftSecure = was && !s.secure();
        }
        if (leftSecure) {
            streamState(streamId, IdeStreamState.INSECURE);
        }
    }

    private void streamState(int streamId, IdeStreamState state) {
        if (ide.blockOf(streamId).isPresent()) {
            endpoint.setIdeStreamState(streamId, state);
        }
        deviceEndChanged.accept(streamId);
    }

    /** How many of the stream's 12 key slots hold a key (programmed or in use). */
    synchronized int slotsInUse(int streamId) {
        Slots s = streams.get(streamId);
        return s == null ? 0 : s.inUse();
    }

    /**
     * Whether every key in use here is held by the root port in the opposite direction (this end's RX key is the
     * root port's TX key), compared in constant time; false when no key is in use.
     */
    synchronized boolean agreesWith(RootPort rootPort, int streamId) {
        Slots s = streams.get(streamId);
        if (s == null || !s.secure()) {
            return false;
        }
        for (KeySet set : KeySet.values()) {
            for (IdeDirection d : IdeDirection.values()) {
                for (SubStream sub : SubStream.values()) {
                    int i = Slots.index(set, d, sub);
                    if (s.state[i] == Slot.GO && !rootPort.holds(streamId,
                            io.teeio.platform.rootport.KeySet.valueOf(set.name()),
                            io.teeio.platform.rootport.IdeDirection.valueOf(d.opposite().name()),
                            io.teeio.platform.rootport.SubStream.valueOf(sub.name()), material(s.keys[i]))) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** Power-on: every slot empty (the IDE registers are reset with the rest of config space). */
    synchronized void reset() {
        streams.values().forEach(Slots::clearAll);
        streams.clear();
    }

    private static IdeKeyMaterial material(byte[] keyAndIfv) {
        return IdeKeyMaterial.of(Arrays.copyOf(keyAndIfv, IdeKeyMaterial.KEY_LENGTH),
                Arrays.copyOfRange(keyAndIfv, IdeKeyMaterial.KEY_LENGTH, keyAndIfv.length));
    }

    private static int index(KeySubStream kss) {
        return Slots.index(kss.keySet(), kss.direction(), kss.subStream().orElseThrow());
    }

    /** The IFV as the 8-byte slot field, least significant byte first (the root port's key slot format). */
    static byte[] ifvBytes(long ifv) {
        byte[] b = new byte[IdeKeyMaterial.IFV_LENGTH];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (ifv >>> (8 * i));
        }
        return b;
    }
}
