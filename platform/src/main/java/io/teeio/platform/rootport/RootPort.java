package io.teeio.platform.rootport;

import static io.teeio.platform.pci.PciRegs.*;

import io.teeio.platform.device.MmioOutcome;
import io.teeio.platform.device.MmioRequest;
import io.teeio.platform.pci.ConfigAccessor;
import io.teeio.platform.pci.ConfigLayout;
import io.teeio.platform.pci.ConfigSpace;
import io.teeio.platform.pci.ConfigSpaceBuilder;
import io.teeio.platform.pci.ConfigWrite;
import io.teeio.platform.pci.IdeRegisters;
import io.teeio.platform.pci.IdeStreamState;
import io.teeio.platform.pci.PcieCapabilitySpec;
import io.teeio.platform.pci.RoutingId;
import io.teeio.trace.Tracer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A root port: a type 1 function with a PCI Express capability and an IDE capability, plus the key
 * register block the platform TSM programs directly (per selective stream: key set x direction x sub-stream
 * slots holding key and IFV, and Go/Stop).
 *
 * <p>A selective stream is Secure while: its block is enabled (Control.Enable, Stream ID set by software),
 * the link is up, Go was given for a key set whose six slots are all programmed here, and the device end is
 * ready ({@link DeviceIdeEnd}). Anything that breaks one of these (Enable cleared, Stop, key clear, link
 * disable, Secondary Bus Reset, the device end no longer ready at {@link #deviceEndChanged}) makes it
 * Insecure, traced and reported to the {@link IdeStreamListener}. Link disable and Secondary Bus Reset also
 * drop Go: the stream must be started again. Key material never leaves this class.
 *
 * <p>Memory requests going down ({@link #forwardMmio}) are refused while the link is down or Memory Space
 * Enable is clear; a TEE request travels over the first Secure stream and is refused (UR) when there is none.
 * Bridge memory windows are not checked.
 */
public final class RootPort implements ConfigAccessor {
    private static final String LAYER = "device";

    private final RootPortSpec spec;
    private final DownstreamLink downstream;
    private final DeviceIdeEnd deviceEnd;
    private final IdeStreamListener listener;
    private final Tracer tracer;
    private final ConfigSpace config;
    private final IdeRegisters ide;
    private final StreamKeys[] keys;
    private final String actor;
    private boolean linkUp = true;

    /** The key slots of one selective stream block. */
    private static final class StreamKeys {
        final IdeKeyMaterial[][][] slots = new IdeKeyMaterial[KeySet.values().length][IdeDirection.values().length][SubStream.values().length];
        KeySet active;

        IdeKeyMaterial get(KeySet k, IdeDirection d, SubStream s) {
            return slots[k.ordinal()][d.ordinal()][s.ordinal()];
        }
    }

    public RootPort(RootPortSpec spec, DownstreamLink downstream, DeviceIdeEnd deviceEnd, IdeStreamListener listener,
            Tracer tracer) {
        this.spec = Objects.requireNonNull(spec);
        this.downstream = Objects.requireNonNull(downstream);
        this.deviceEnd = Objects.requireNonNull(deviceEnd);
        this.listener = Objects.requireNonNull(listener);
        this.tracer = Objects.requireNonNull(tracer);
        ConfigLayout layout = ConfigSpaceBuilder.type1(spec.identity()).pcie(PcieCapabilitySpec.rootPort())
                .ide(spec.ide()).build();
        this.config = new ConfigSpace(layout, this::configWritten);
        this.ide = new IdeRegisters(config, layout.extCapabilityOffset(EXT_CAP_ID_IDE).getAsInt(), spec.ide());
        this.keys = new StreamKeys[spec.ide().selectiveStreams()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = new StreamKeys();
        }
        this.actor = "root port " + spec.address();
    }

    public RoutingId routingId() {
        return spec.address();
    }

    public ConfigSpace config() {
        return config;
    }

    public IdeRegisters ide() {
        return ide;
    }

    public boolean linkUp() {
        return linkUp;
    }

    @Override
    public int read(int offset, int size) {
        return config.read(offset, size);
    }

    @Override
    public void write(int offset, int size, int value) {
        config.write(offset, size, value);
    }

    /** Programs one key slot of the stream whose block carries {@code streamId}. */
    public void programKey(int streamId, KeySet keySet, IdeDirection direction, SubStream subStream,
            IdeKeyMaterial material) {
        int block = blockOf(streamId);
        StreamKeys k = keys[block];
        IdeKeyMaterial[] row = k.slots[keySet.ordinal()][direction.ordinal()];
        if (row[subStream.ordinal()] != null) {
            row[subStream.ordinal()].destroy();
        }
        row[subStream.ordinal()] = material.copy();
        tracer.event(LAYER, actor, "", "IDE_KEY_PROG", "stream " + streamId + " " + keySet + " " + direction + " "
                + subStream + " programmed");
    }

    public boolean keyProgrammed(int streamId, KeySet keySet, IdeDirection direction, SubStream subStream) {
        return keys[blockOf(streamId)].get(keySet, direction, subStream) != null;
    }

    /** Whether the root port holds exactly this material in the slot (constant time; for cross-checks). */
    public boolean holds(int streamId, KeySet keySet, IdeDirection direction, SubStream subStream,
            IdeKeyMaterial material) {
        IdeKeyMaterial held = keys[blockOf(streamId)].get(keySet, direction, subStream);
        return held != null && held.sameMaterial(material);
    }

    /** Starts using {@code keySet} for the stream: every slot of that set must be programmed. */
    public void go(int streamId, KeySet keySet) {
        int block = blockOf(streamId);
        List<String> missing = new ArrayList<>();
        for (IdeDirection d : IdeDirection.values()) {
            for (SubStream s : SubStream.values()) {
                if (keys[block].get(keySet, d, s) == null) {
                    missing.add(d + " " + s);
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("stream " + streamId + " " + keySet + ": no key programmed for " + missing);
        }
        keys[block].active = keySet;
        tracer.event(LAYER, actor, "", "IDE_KEY_GO", "stream " + streamId + " " + keySet);
        recompute(block, "Go " + keySet);
    }

    public void stop(int streamId) {
        int block = blockOf(streamId);
        keys[block].active = null;
        tracer.event(LAYER, actor, "", "IDE_KEY_STOP", "stream " + streamId);
        recompute(block, "Stop");
    }

    /** Erases every key slot of the stream (teardown); the stream stops. */
    public void clearKeys(int streamId) {
        int block = blockOf(streamId);
        for (IdeKeyMaterial[][] set : keys[block].slots) {
            for (IdeKeyMaterial[] dir : set) {
                for (int s = 0; s < dir.length; s++) {
                    if (dir[s] != null) {
                        dir[s].destroy();
                        dir[s] = null;
                    }
                }
            }
        }
        keys[block].active = null;
        tracer.event(LAYER, actor, "", "IDE_KEYS_CLEARED", "stream " + streamId);
        recompute(block, "keys cleared");
    }

    /** The device end of the stream changed (keys programmed and Go, or stopped): re-evaluate. */
    public void deviceEndChanged(int streamId) {
        recompute(blockOf(streamId), "device end changed");
    }

    public IdeStreamState streamState(int streamId) {
        return ide.state(blockOf(streamId));
    }

    /** A memory request going down the link (see the class comment for the rules). */
    public MmioOutcome forwardMmio(MmioRequest request) {
        if (!linkUp) {
            return MmioOutcome.unsupportedRequest("the root port's link is down");
        }
        if ((config.hwRead(COMMAND, 2) & COMMAND_MEMORY) == 0) {
            return MmioOutcome.unsupportedRequest("root port Memory Space Enable is clear");
        }
        if (request.tee()) {
            for (int b = 0; b < keys.length; b++) {
                if (ide.enabled(b) && ide.state(b) == IdeStreamState.SECURE) {
                    return downstream.mmio(request.viaStream(ide.streamId(b)));
                }
            }
            tracer.event(LAYER, actor, "", "MMIO_UNSUPPORTED_REQUEST", request + ": no Secure IDE stream");
            return MmioOutcome.unsupportedRequest("no Secure IDE stream to carry a TEE request");
        }
        return downstream.mmio(request);
    }

    private int blockOf(int streamId) {
        return ide.blockOf(streamId).orElseThrow(() -> new IllegalArgumentException(
                "no selective IDE stream block of the root port carries Stream ID " + streamId));
    }

    private boolean keySetComplete(StreamKeys k, KeySet set) {
        for (IdeDirection d : IdeDirection.values()) {
            for (SubStream s : SubStream.values()) {
                if (k.get(set, d, s) == null) {
                    return false;
                }
            }
        }
        return true;
    }

    private void recompute(int block, String cause) {
        StreamKeys k = keys[block];
        boolean secure = linkUp && ide.enabled(block) && k.active != null && keySetComplete(k, k.active)
                && deviceEnd.ready(ide.streamId(block));
        IdeStreamState target = secure ? IdeStreamState.SECURE : IdeStreamState.INSECURE;
        IdeStreamState before = ide.setState(block, target);
        if (before != target) {
            tracer.transition(LAYER, actor, "", "IDE_STREAM", "stream " + ide.streamId(block) + " (" + cause + ")",
                    before.name(), target.name());
            listener.streamStateChanged(ide.streamId(block), before, target, cause);
        }
    }

    private void stopAll(String cause) {
        for (int b = 0; b < keys.length; b++) {
            keys[b].active = null;
            recompute(b, cause);
        }
    }

    private void configWritten(ConfigWrite w) {
        switch (w.register().id()) {
            case IDE_SEL_CONTROL -> recompute(w.register().index(), "stream Control written");
            case SECONDARY_BUS -> {
                if (w.changed(0xFF)) {
                    downstream.busNumberAssigned(w.newValue() & 0xFF);
                }
            }
            case BRIDGE_CONTROL -> {
                if ((w.oldValue() & BRIDGE_CTL_BUS_RESET) == 0 && (w.newValue() & BRIDGE_CTL_BUS_RESET) != 0) {
                    tracer.event(LAYER, actor, "", "SECONDARY_BUS_RESET", "hot reset of the link");
                    stopAll("Secondary Bus Reset");
                    downstream.hotReset();
                }
            }
            case PCIE_LNKCTL -> {
                if (w.changed(EXP_LNKCTL_LD)) {
                    boolean up = (w.newValue() & EXP_LNKCTL_LD) == 0;
                    tracer.transition(LAYER, actor, "", "LINK", up ? "Link Disable cleared" : "Link Disable set",
                            linkUp ? "UP" : "DOWN", up ? "UP" : "DOWN");
                    linkUp = up;
                    if (!up) {
                        stopAll("link disabled");
                    }
                }
            }
            default -> {
                // other registers only store bits
            }
        }
    }
}
