package io.teeio.platform.device;

import static io.teeio.platform.pci.PciRegs.*;

import io.teeio.platform.pci.BarSpec;
import io.teeio.platform.pci.ConfigAccessor;
import io.teeio.platform.pci.ConfigLayout;
import io.teeio.platform.pci.ConfigSpace;
import io.teeio.platform.pci.RoutingId;
import io.teeio.spdm.codec.Bytes;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One function of an {@link Endpoint} (the PF or a VF): its config space, its memory BARs with their
 * contents, and the requests it serves and issues. Config accesses through this object are software
 * accesses (what the host's config mechanism delivers).
 */
public final class PciFunction implements ConfigAccessor {
    private final Endpoint endpoint;
    private final FunctionRef ref;
    private final ConfigSpace config;
    private final List<BarSpec> bars;
    private final SparseMemory[] memory = new SparseMemory[6];

    PciFunction(Endpoint endpoint, FunctionRef ref, ConfigLayout layout, List<BarSpec> bars) {
        this.endpoint = endpoint;
        this.ref = ref;
        this.bars = List.copyOf(bars);
        this.config = new ConfigSpace(layout, w -> endpoint.configWritten(this, w));
    }

    public FunctionRef ref() {
        return ref;
    }

    public boolean isPf() {
        return ref.isPf();
    }

    /** Current routing id (changes with the captured bus number). */
    public RoutingId routingId() {
        return endpoint.routingIdOf(ref);
    }

    /** Whether the function still exists (a VF goes away when VF Enable clears). */
    public boolean present() {
        return endpoint.function(ref).filter(f -> f == this).isPresent();
    }

    public ConfigSpace config() {
        return config;
    }

    @Override
    public int read(int offset, int size) {
        return config.read(offset, size);
    }

    @Override
    public void write(int offset, int size, int value) {
        config.write(offset, size, value);
    }

    /** The memory BARs (a VF's are the per-VF sizes from the PF's SR-IOV capability). */
    public List<BarSpec> bars() {
        return bars;
    }

    public Optional<BarSpec> bar(int index) {
        return bars.stream().filter(b -> b.index() == index).findFirst();
    }

    /** Where the host put BAR {@code index}; empty while unassigned (0) or when there is no such BAR. */
    public OptionalLong barAddress(int index) {
        Optional<BarSpec> spec = bar(index);
        if (spec.isEmpty()) {
            return OptionalLong.empty();
        }
        long address = isPf() ? readBar(config, BASE_ADDRESS_0, spec.get()) : endpoint.vfBarAddress(spec.get(), ref.vf());
        return address == 0 ? OptionalLong.empty() : OptionalLong.of(address);
    }

    static long readBar(ConfigSpace space, int barBase, BarSpec spec) {
        long lo = space.hwRead(barBase + 4 * spec.index(), 4) & BASE_ADDRESS_MEM_MASK & 0xFFFFFFFFL;
        long hi = spec.is64Bit() ? space.hwRead(barBase + 4 * (spec.index() + 1), 4) & 0xFFFFFFFFL : 0;
        return hi << 32 | lo;
    }

    /** The contents of BAR {@code index}: what the device model (DSM, a test) reads and writes directly. */
    public SparseMemory memory(int index) {
        BarSpec spec = bar(index).orElseThrow(() -> new IllegalArgumentException(ref + " has no BAR" + index));
        if (memory[index] == null) {
            memory[index] = new SparseMemory(spec.size());
        }
        return memory[index];
    }

    /** Memory decode: the PF's Command MSE; for a VF, VF Enable and VF MSE in the PF's SR-IOV Control. */
    public boolean memorySpaceEnabled() {
        return isPf() ? (config.hwRead(COMMAND, 2) & COMMAND_MEMORY) != 0 : endpoint.vfMemorySpaceEnabled();
    }

    public boolean busMasterEnabled() {
        return (config.hwRead(COMMAND, 2) & COMMAND_MASTER) != 0;
    }

    public TdiGate gate() {
        return endpoint.gateOf(ref);
    }

    /** A DMA read towards the host; carries T when the TDI is RUN. */
    public DmaOutcome dmaRead(long address, int length) {
        return dma(address, length, false, Bytes.EMPTY);
    }

    /** A DMA write towards the host; carries T when the TDI is RUN. */
    public DmaOutcome dmaWrite(long address, Bytes data) {
        return dma(address, data.length(), true, data);
    }

    private DmaOutcome dma(long address, int length, boolean write, Bytes data) {
        if (!present()) {
            return endpoint.dmaRefused(this, DmaOutcome.unsupportedRequest(ref + " no longer exists"));
        }
        if (!busMasterEnabled()) {
            return endpoint.dmaRefused(this, DmaOutcome.unsupportedRequest(
                    "Bus Master Enable is clear on " + this + ": the request is not issued"));
        }
        boolean tee = gate().state() == TdiSecurityState.RUN;
        return endpoint.issueDma(this, new DmaRequest(routingId(), address, length, write, data, tee));
    }

    MmioOutcome serve(BarSpec bar, long offset, MmioRequest request) {
        if (offset + request.length() > bar.size()) {
            return MmioOutcome.completerAbort(request + " crosses the end of " + ref + " BAR" + bar.index());
        }
        MmioAccess access = new MmioAccess(ref, routingId(), bar.index(), offset, request.length(), request.write(),
                request.tee(), request.ideStream());
        MmioDecision decision = gate().decide(access);
        if (!decision.allowed()) {
            return MmioOutcome.refused(decision);
        }
        if (request.write()) {
            memory(bar.index()).write(offset, request.data());
            return MmioOutcome.served(Bytes.EMPTY, decision.reason());
        }
        return MmioOutcome.served(memory(bar.index()).read(offset, request.length()), decision.reason());
    }

    /** What FLR and reset do to the function's own state besides config space: scrub its memory. */
    void scrubMemory() {
        for (SparseMemory m : memory) {
            if (m != null) {
                m.clear();
            }
        }
    }

    @Override
    public String toString() {
        return routingId() + " (" + ref + ")";
    }
}
