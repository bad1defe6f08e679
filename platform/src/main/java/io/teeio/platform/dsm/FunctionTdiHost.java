package io.teeio.platform.dsm;

import static io.teeio.platform.pci.PciRegs.CAP_ID_MSIX;
import static io.teeio.platform.pci.PciRegs.MSIX_FLAGS;

import io.teeio.pcie.tdisp.MmioRange;
import io.teeio.pcie.tdisp.TdiHost;
import io.teeio.pcie.tdisp.TdiMmioResource;
import io.teeio.platform.device.Endpoint;
import io.teeio.platform.device.FunctionRef;
import io.teeio.platform.device.PciFunction;
import io.teeio.platform.pci.BarSpec;
import io.teeio.platform.pci.CapabilityWalker;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What a TDI learns about its function at LOCK_INTERFACE: the BARs as the host assigned them (address and size
 * from the function's config space, one report range per BAR, RANGE_ID = BAR index), the MSI-X Message Control,
 * and the IDE port (the device's only one, index 0). A function that does not exist (VF Enable clear), has a
 * BAR unassigned, or does not decode memory cannot be locked.
 */
final class FunctionTdiHost implements TdiHost {
    static final int IDE_PORT = 0;

    private final Endpoint endpoint;
    private final FunctionRef ref;

    FunctionTdiHost(Endpoint endpoint, FunctionRef ref) {
        this.endpoint = endpoint;
        this.ref = ref;
    }

    private Optional<PciFunction> function() {
        return endpoint.function(ref);
    }

    @Override
    public List<TdiMmioResource> mmioResources() {
        Optional<PciFunction> f = function();
        if (f.isEmpty()) {
            return List.of();
        }
        List<TdiMmioResource> out = new ArrayList<>();
        for (BarSpec bar : sorted(f.get())) {
            OptionalLong address = f.get().barAddress(bar.index());
            if (address.isPresent()) {
                out.add(new TdiMmioResource(address.getAsLong(), bar.size(), 0, bar.index()));
            }
        }
        return out;
    }

    @Override
    public OptionalInt idePortIndex() {
        return OptionalInt.of(IDE_PORT);
    }

    @Override
    public int msixMessageControl() {
        Optional<PciFunction> f = function();
        if (f.isEmpty()) {
            return 0;
        }
        int msix = CapabilityWalker.findCapability(f.get(), CAP_ID_MSIX);
        return msix == 0 ? 0 : f.get().readWord(msix + MSIX_FLAGS);
    }

    @Override
    public Optional<String> configurationProblem() {
        Optional<PciFunction> f = function();
        if (f.isEmpty()) {
            return Optional.of(ref + " does not exist (VF Enable clear or NumVFs below it)");
        }
        if (!f.get().memorySpaceEnabled()) {
            return Optional.of(ref + " does not decode memory (Memory Space Enable clear)");
        }
        for (BarSpec bar : sorted(f.get())) {
            OptionalLong address = f.get().barAddress(bar.index());
            if (address.isEmpty()) {
                return Optional.of(ref + " BAR" + bar.index() + " is not assigned");
            }
            if (bar.size() % MmioRange.PAGE_SIZE != 0 || address.getAsLong() % MmioRange.PAGE_SIZE != 0) {
                return Optional.of(String.format("%s BAR%d at 0x%x, 0x%x bytes, is not whole 4 KiB pages", ref,
                        bar.index(), address.getAsLong(), bar.size()));
            }
        }
        return Optional.empty();
    }

    private static List<BarSpec> sorted(PciFunction f) {
        return f.bars().stream().sorted(Comparator.comparingInt(BarSpec::index)).toList();
    }
}
