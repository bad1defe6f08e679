package io.teeio.platform.kernel.pcitsm;

import io.teeio.platform.kernel.Bdf;
import io.teeio.platform.kernel.VmId;
import java.util.Objects;

/** {@code struct pci_tdi}: a function bound as a TDI to a VM, under the guest's virtual BDF {@code tdiId}. */
public record PciTdi(Bdf bdf, VmId kvm, int tdiId) {
    public PciTdi {
        Objects.requireNonNull(bdf, "bdf");
        Objects.requireNonNull(kvm, "kvm");
    }
}
