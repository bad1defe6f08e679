package io.teeio.platform.kernel.pcitsm;

import io.teeio.platform.kernel.Bdf;
import java.util.List;
import java.util.Optional;

/** Immutable view of the PCI/TSM core: registered TSMs and per-function contexts with their bound TDI. */
public record PciTsmSnapshot(List<String> tsms, List<Context> contexts) {
    public PciTsmSnapshot {
        tsms = List.copyOf(tsms);
        contexts = List.copyOf(contexts);
    }

    public record Context(Bdf bdf, String tsm, Bdf dsm, Optional<PciTdi> tdi) {
    }

    public List<PciTdi> boundTdis() {
        return contexts.stream().flatMap(c -> c.tdi().stream()).toList();
    }
}
