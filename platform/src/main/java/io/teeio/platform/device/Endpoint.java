package io.teeio.platform.device;

import static io.teeio.platform.pci.PciRegs.*;

import io.teeio.platform.doe.DoeBackend;
import io.teeio.platform.doe.DoeInterruptLine;
import io.teeio.platform.doe.DoeMailbox;
import io.teeio.platform.doe.DoeMailboxConfig;
import io.teeio.platform.fault.FaultInjector;
import io.teeio.platform.pci.BarSpec;
import io.teeio.platform.pci.ConfigLayout;
import io.teeio.platform.pci.ConfigSpaceBuilder;
import io.teeio.platform.pci.ConfigWrite;
import io.teeio.platform.pci.IdeRegisters;
import io.teeio.platform.pci.IdeStreamState;
import io.teeio.platform.pci.RegisterId;
import io.teeio.platform.pci.RoutingId;
import io.teeio.platform.pci.SriovSpec;
import io.teeio.trace.Tracer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A PCIe endpoint: one PF with SR-IOV VFs (created when the host sets VF Enable, routing ids from First VF
 * Offset and VF Stride), a DOE mailbox and an IDE capability on the PF. It serves MMIO by BAR address through
 * each function's {@link TdiGate}, issues DMA through the {@link Iommu}, and raises {@link SecurityEvent}s
 * (see {@link SecurityRelevance}) to the {@link TdiSecurityEvents} listener for functions whose TDI is locked.
 *
 * <p>FLR of the PF resets its config space (SR-IOV Control included, so its VFs go away), its DOE mailbox
 * and its memory; the IDE capability is left alone (streams belong to the port). A conventional reset resets
 * everything, IDE included.
 *
 * <p>Not thread-safe: the emulated machine drives it from one thread.
 */
public final class Endpoint {
    private static final String LAYER = "device";

    private final EndpointSpec spec;
    private final Tracer tracer;
    private final TdiGates gates;
    private final TdiSecurityEvents events;
    private final Iommu iommu;
    private final FunctionConfigListener configWrites;
    private final ConfigLayout vfLayout;
    private final PciFunction pf;
    private final List<PciFunction> vfs = new ArrayList<>();
    private final DoeMailbox doe;
    private final IdeRegisters ide;
    private final int sriovOffset;
    private int pfRoutingId;

    private Endpoint(Builder b) {
        this.spec = b.spec;
        this.tracer = b.tracer;
        this.gates = b.gates;
        this.events = b.events;
        this.iommu = b.iommu;
        this.configWrites = b.configWrites;
        this.pfRoutingId = spec.pfAddress().value();

        ConfigSpaceBuilder pfBuilder = ConfigSpaceBuilder.type0(spec.identity()).pcie(spec.pcie());
        spec.bars().forEach(pfBuilder::bar);
        if (spec.expansionRomSize() > 0) {
            pfBuilder.expansionRom(spec.expansionRomSize());
        }
        spec.msix().ifPresent(pfBuilder::msix);
        spec.doe().ifPresent(pfBuilder::doe);
        spec.ide().ifPresent(pfBuilder::ide);
        spec.sriov().ifPresent(pfBuilder::sriov);
        if (spec.ari()) {
            pfBuilder.ari(0);
        }
        ConfigLayout pfLayout = pfBuilder.build();
        this.pf = new PciFunction(this, FunctionRef.PF, pfLayout, spec.bars());

        ConfigSpaceBuilder vfBuilder = ConfigSpaceBuilder.virtualFunction(spec.identity()).pcie(spec.pcie());
        spec.vfMsix().ifPresent(vfBuilder::msix);
        this.vfLayout = spec.sriov().isPresent() ? vfBuilder.build() : null;
        this.sriovOffset = pfLayout.extCapabilityOffset(EXT_CAP_ID_SRIOV).orElse(-1);

        if (spec.doe().isPresent()) {
            doe = new DoeMailbox(spec.doe().get(), b.doeConfig, b.doeBackend, b.faults, b.doeInterrupt, tracer,
                    "DOE " + spec.pfAddress());
            doe.attachTo(pf.config(), pfLayout.extCapabilityOffset(EXT_CAP_ID_DOE).getAsInt());
        } else {
            doe = null;
        }
        ide = spec.ide().map(s -> new IdeRegisters(pf.config(), pfLayout.extCapabilityOffset(EXT_CAP_ID_IDE).getAsInt(), s))
                .orElse(null);
    }

    public static Builder builder(EndpointSpec spec) {
        return new Builder(spec);
    }

    public EndpointSpec spec() {
        return spec;
    }

    public PciFunction pf() {
        return pf;
    }

    /** The VFs that exist now (VF Enable set), VF1 first. */
    public List<PciFunction> vfs() {
        return Collections.unmodifiableList(vfs);
    }

    /** PF then VFs. */
    public List<PciFunction> functions() {
        List<PciFunction> all = new ArrayList<>(1 + vfs.size());
        all.add(pf);
        all.addAll(vfs);
        return all;
    }

    public Optional<PciFunction> function(FunctionRef ref) {
        if (ref.isPf()) {
            return Optional.of(pf);
        }
        return ref.vf() <= vfs.size() ? Optional.of(vfs.get(ref.vf() - 1)) : Optional.empty();
    }

    public Optional<PciFunction> function(RoutingId rid) {
        if (rid.value() == pfRoutingId) {
            return Optional.of(pf);
        }
        if (vfs.isEmpty()) {
            return Optional.empty();
        }
        int delta = rid.value() - pfRoutingId - firstVfOffset();
        int stride = vfStride();
        if (delta < 0 || delta % stride != 0) {
            return Optional.empty();
        }
        int n = delta / stride + 1;
        return n <= vfs.size() ? Optional.of(vfs.get(n - 1)) : Optional.empty();
    }

    public RoutingId routingIdOf(FunctionRef ref) {
        if (ref.isPf()) {
            return new RoutingId(pfRoutingId);
        }
        int rid = pfRoutingId + firstVfOffset() + (ref.vf() - 1) * vfStride();
        if (rid > 0xFFFF) {
            throw new IllegalStateException(ref + " would have routing id 0x" + Integer.toHexString(rid)
                    + ", beyond 16 bits");
        }
        return new RoutingId(rid);
    }

    /** A type 0 config read delivered to {@code rid}; no such function reads all ones, as Linux sees. */
    public int configRead(RoutingId rid, int offset, int size) {
        return function(rid).map(f -> f.read(offset, size)).orElse(size == 4 ? 0xFFFFFFFF : (1 << (8 * size)) - 1);
    }

    /** A type 0 config write delivered to {@code rid}; dropped when no such function exists. */
    public void configWrite(RoutingId rid, int offset, int size, int value) {
        function(rid).ifPresent(f -> f.write(offset, size, value));
    }

    public Optional<DoeMailbox> doe() {
        return Optional.ofNullable(doe);
    }

    public Optional<IdeRegisters> ide() {
        return Optional.ofNullable(ide);
    }

    /** A memory request from the host: routed by BAR address to the function that claims it. */
    public MmioOutcome mmio(MmioRequest request) {
        for (PciFunction f : functions()) {
            for (BarSpec bar : f.bars()) {
                OptionalLong base = f.barAddress(bar.index());
                if (base.isEmpty()) {
                    continue;
                }
                long offset = request.address() - base.getAsLong();
                if (offset < 0 || offset >= bar.size()) {
                    continue;
                }
                MmioOutcome outcome = f.memorySpaceEnabled() ? f.serve(bar, offset, request)
                        : MmioOutcome.unsupportedRequest("Memory Space Enable is clear on " + f
                                + ": BAR" + bar.index() + " does not decode");
                if (!outcome.served()) {
                    tracer.event(LAYER, f.toString(), "host", "MMIO_" + outcome.status(), request + ": " + outcome.reason());
                }
                return outcome;
            }
        }
        return MmioOutcome.unsupportedRequest("no function of the device claims 0x" + Long.toHexString(request.address()));
    }

    /**
     * The bus number the device captures from type 0 config writes (what the upstream port's secondary bus
     * gives it). A change is a requester id change for every function.
     */
    public void captureBusNumber(int bus) {
        if (bus < 0 || bus > 0xFF) {
            throw new IllegalArgumentException("bus number must be 0..255, was " + bus);
        }
        int before = pfRoutingId;
        int after = bus << 8 | (pfRoutingId & 0xFF);
        if (before == after) {
            return;
        }
        for (PciFunction f : functions()) {
            RoutingId old = f.routingId();
            RoutingId now = new RoutingId(old.value() - before + after);
            raise(f, SecurityEventKind.REQUESTER_ID_CHANGE, "", "routing id " + old + " -> " + now);
        }
        pfRoutingId = after;
        tracer.transition(LAYER, "device", "", "BUS_NUMBER", "bus captured from config writes",
                new RoutingId(before).toString(), new RoutingId(after).toString());
    }

    /** Cold/warm/hot reset: every TDI goes to CONFIG_UNLOCKED; all state, IDE included, back to power-on. */
    public void conventionalReset() {
        for (PciFunction f : functions()) {
            raise(f, SecurityEventKind.CONVENTIONAL_RESET, "", "conventional reset");
        }
        removeVfs("conventional reset");
        pf.config().reset();
        pf.scrubMemory();
        tracer.event(LAYER, pf.toString(), "", "CONVENTIONAL_RESET", "all functions back to power-on state");
    }

    /**
     * The device's IDE engine reporting a selective stream's state (the IDE_KM side calls this after
     * K_SET_GO / K_SET_STOP). A stream whose register block is not enabled stays Insecure.
     *
     * @return the state the stream is in afterwards
     */
    public IdeStreamState setIdeStreamState(int streamId, IdeStreamState state) {
        IdeRegisters regs = ideOrThrow();
        int block = regs.blockOf(streamId).orElseThrow(() -> new IllegalArgumentException(
                "no selective IDE stream block carries Stream ID " + streamId));
        IdeStreamState target = state == IdeStreamState.SECURE && !regs.enabled(block) ? IdeStreamState.INSECURE : state;
        if (target != state) {
            tracer.event(LAYER, pf.toString(), "", "IDE_STREAM", "stream " + streamId
                    + " stays Insecure: its selective stream block is not enabled");
        }
        changeStreamState(block, target, "IDE engine");
        return target;
    }

    /** Whether the stream with this Stream ID is enabled and Secure at this end. */
    public boolean ideStreamSecure(int streamId) {
        if (ide == null) {
            return false;
        }
        OptionalInt block = ide.blockOf(streamId);
        return block.isPresent() && ide.enabled(block.getAsInt()) && ide.state(block.getAsInt()) == IdeStreamState.SECURE;
    }

    private IdeRegisters ideOrThrow() {
        if (ide == null) {
            throw new IllegalStateException("the endpoint has no IDE capability");
        }
        return ide;
    }

    private void changeStreamState(int block, IdeStreamState state, String cause) {
        IdeStreamState before = ide.setState(block, state);
        if (before == state) {
            return;
        }
        tracer.transition(LAYER, pf.toString(), "", "IDE_STREAM", "stream " + ide.streamId(block) + " (" + cause + ")",
                before.name(), state.name());
        if (before == IdeStreamState.SECURE) {
            for (PciFunction f : functions()) {
                raise(f, SecurityEventKind.IDE_STREAM_INSECURE, "", "IDE stream " + ide.streamId(block)
                        + " went Insecure (" + cause + ")");
            }
        }
    }

    // ---- called by PciFunction ----

    TdiGate gateOf(FunctionRef ref) {
        return gates.gateFor(ref);
    }

    DmaOutcome issueDma(PciFunction f, DmaRequest request) {
        DmaOutcome outcome = iommu.dma(request);
        if (!outcome.completed()) {
            tracer.event(LAYER, f.toString(), "IOMMU", "DMA_" + outcome.status(), request + ": " + outcome.reason());
        }
        return outcome;
    }

    DmaOutcome dmaRefused(PciFunction f, DmaOutcome outcome) {
        tracer.event(LAYER, f.ref().toString(), "", "DMA_NOT_ISSUED", outcome.reason());
        return outcome;
    }

    boolean vfMemorySpaceEnabled() {
        int ctrl = pf.config().hwRead(sriovOffset + SRIOV_CTRL, 2);
        return (ctrl & SRIOV_CTRL_VFE) != 0 && (ctrl & SRIOV_CTRL_MSE) != 0;
    }

    long vfBarAddress(BarSpec vfBar, int vf) {
        long base = PciFunction.readBar(pf.config(), sriovOffset + SRIOV_BAR, vfBar);
        return base == 0 ? 0 : base + (vf - 1) * vfBar.size();
    }

    void configWritten(PciFunction f, ConfigWrite w) {
        if (!f.isPf() && !f.present()) {
            return; // a VF object kept after VF Enable cleared: no longer part of the device
        }
        TdiGate gate = gates.gateFor(f.ref());
        List<SecurityRelevance.Finding> findings = SecurityRelevance.classify(w, f.config().layout(), gate.msixLocked());
        boolean flr = false;
        for (SecurityRelevance.Finding finding : findings) {
            for (PciFunction target : targets(f, finding.scope())) {
                raise(target, finding.kind(), w.register().name(), finding.reason());
            }
            flr |= finding.kind() == SecurityEventKind.FLR;
        }
        configWrites.configWritten(f.ref(), w);
        if (flr) {
            functionLevelReset(f);
            return;
        }
        if (f.isPf()) {
            RegisterId id = w.register().id();
            if (id == RegisterId.SRIOV_CONTROL) {
                vfEnableWritten();
            } else if (id == RegisterId.SRIOV_NUM_VFS && !vfs.isEmpty() && w.changed(0xFFFF)) {
                pf.config().hwWrite(w.register().offset(), 2, w.oldValue());
                tracer.event(LAYER, f.toString(), "", "NUM_VFS_IGNORED", "NumVFs written while VF Enable is set");
            } else if (id == RegisterId.IDE_SEL_CONTROL && (w.newValue() & IDE_SEL_CTRL_ENABLE) == 0
                    && ide.state(w.register().index()) == IdeStreamState.SECURE) {
                changeStreamState(w.register().index(), IdeStreamState.INSECURE, "stream Enable cleared");
            }
        }
    }

    private List<PciFunction> targets(PciFunction f, SecurityRelevance.Scope scope) {
        if (!f.isPf()) {
            return scope == SecurityRelevance.Scope.VFS ? List.of() : List.of(f);
        }
        return switch (scope) {
            case FUNCTION -> List.of(f);
            case FUNCTION_AND_VFS -> functions();
            case VFS -> List.copyOf(vfs);
        };
    }

    private void raise(PciFunction f, SecurityEventKind kind, String register, String reason) {
        TdiSecurityState state = gates.gateFor(f.ref()).state();
        boolean applies = kind == SecurityEventKind.CONVENTIONAL_RESET ? state != TdiSecurityState.CONFIG_UNLOCKED
                : state.locked();
        if (!applies) {
            return;
        }
        SecurityEvent event = new SecurityEvent(f.ref(), f.routingId(), kind, register, state, reason);
        tracer.event(LAYER, f.toString(), "TDI", "SECURITY_" + kind, reason + " (TDI " + state + ")");
        events.securityEvent(event);
    }

    private void functionLevelReset(PciFunction f) {
        if (f.isPf()) {
            int[] ideImage = saveIde();
            removeVfs("PF Function Level Reset");
            pf.config().reset();
            restoreIde(ideImage);
        } else {
            f.config().reset();
        }
        f.scrubMemory();
        tracer.event(LAYER, f.toString(), "", "FLR", "Function Level Reset done: config and memory back to power-on");
    }

    private int[] saveIde() {
        if (ide == null) {
            return new int[0];
        }
        int[] image = new int[ide.spec().size() / 4];
        for (int i = 0; i < image.length; i++) {
            image[i] = pf.config().hwRead(ide.capOffset() + 4 * i, 4);
        }
        return image;
    }

    private void restoreIde(int[] image) {
        for (int i = 0; i < image.length; i++) {
            pf.config().hwWrite(ide.capOffset() + 4 * i, 4, image[i]);
        }
    }

    private void vfEnableWritten() {
        int ctrlOffset = sriovOffset + SRIOV_CTRL;
        boolean enable = (pf.config().hwRead(ctrlOffset, 2) & SRIOV_CTRL_VFE) != 0;
        if (enable && vfs.isEmpty()) {
            int numVfs = pf.config().hwRead(sriovOffset + SRIOV_NUM_VF, 2);
            int total = spec.sriov().map(SriovSpec::totalVfs).orElse(0);
            if (numVfs < 1 || numVfs > total) {
                pf.config().hwUpdate(ctrlOffset, 2, SRIOV_CTRL_VFE, false);
                tracer.event(LAYER, pf.toString(), "", "VF_ENABLE_REFUSED", "NumVFs " + numVfs + " is not 1.." + total);
                return;
            }
            List<BarSpec> vfBars = spec.sriov().get().vfBars();
            for (int n = 1; n <= numVfs; n++) {
                vfs.add(new PciFunction(this, FunctionRef.vf(n), vfLayout, vfBars));
            }
            tracer.transition(LAYER, pf.toString(), "", "VF_ENABLE", numVfs + " VFs from " + routingIdOf(FunctionRef.vf(1)),
                    "0 VFs", numVfs + " VFs");
        } else if (!enable && !vfs.isEmpty()) {
            removeVfs("VF Enable cleared");
        }
    }

    private void removeVfs(String why) {
        if (vfs.isEmpty()) {
            return;
        }
        int n = vfs.size();
        vfs.clear();
        tracer.transition(LAYER, pf.toString(), "", "VF_DISABLE", why, n + " VFs", "0 VFs");
    }

    private int firstVfOffset() {
        return pf.config().hwRead(sriovOffset + SRIOV_VF_OFFSET, 2);
    }

    private int vfStride() {
        return pf.config().hwRead(sriovOffset + SRIOV_VF_STRIDE, 2);
    }

    /** Collaborators, each with a harmless default. */
    public static final class Builder {
        private final EndpointSpec spec;
        private Tracer tracer = Tracer.NONE;
        private TdiGates gates = TdiGates.NONE;
        private TdiSecurityEvents events = TdiSecurityEvents.NONE;
        private Iommu iommu = Iommu.ABSENT;
        private DoeBackend doeBackend = request -> Optional.empty();
        private DoeMailboxConfig doeConfig = DoeMailboxConfig.synchronous();
        private FaultInjector faults = FaultInjector.NONE;
        private DoeInterruptLine doeInterrupt = DoeInterruptLine.NONE;
        private FunctionConfigListener configWrites = FunctionConfigListener.NONE;

        private Builder(EndpointSpec spec) {
            this.spec = Objects.requireNonNull(spec);
        }

        public Builder tracer(Tracer value) {
            tracer = Objects.requireNonNull(value);
            return this;
        }

        public Builder gates(TdiGates value) {
            gates = Objects.requireNonNull(value);
            return this;
        }

        public Builder securityEvents(TdiSecurityEvents value) {
            events = Objects.requireNonNull(value);
            return this;
        }

        public Builder iommu(Iommu value) {
            iommu = Objects.requireNonNull(value);
            return this;
        }

        public Builder doeBackend(DoeBackend value) {
            doeBackend = Objects.requireNonNull(value);
            return this;
        }

        public Builder doeConfig(DoeMailboxConfig value) {
            doeConfig = Objects.requireNonNull(value);
            return this;
        }

        public Builder faults(FaultInjector value) {
            faults = Objects.requireNonNull(value);
            return this;
        }

        public Builder doeInterrupt(DoeInterruptLine value) {
            doeInterrupt = Objects.requireNonNull(value);
            return this;
        }

        public Builder configWrites(FunctionConfigListener value) {
            configWrites = Objects.requireNonNull(value);
            return this;
        }

        public Endpoint build() {
            return new Endpoint(this);
        }
    }
}
