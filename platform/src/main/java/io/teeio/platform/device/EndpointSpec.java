package io.teeio.platform.device;

import io.teeio.platform.pci.BarSpec;
import io.teeio.platform.pci.DoeCapabilitySpec;
import io.teeio.platform.pci.IdeCapabilitySpec;
import io.teeio.platform.pci.MsixSpec;
import io.teeio.platform.pci.PciIdentity;
import io.teeio.platform.pci.PcieCapabilitySpec;
import io.teeio.platform.pci.RoutingId;
import io.teeio.platform.pci.SriovSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What endpoint to build: identity, PF BARs and capabilities, SR-IOV. {@link #builder()} starts from a TEE-IO
 * accelerator like the kernel's samples/devsec endpoint (8086:ffff, a 2 MiB 64-bit prefetchable BAR0, a CMA
 * DOE mailbox) with an IDE capability, MSI-X and 4 VFs.
 */
public record EndpointSpec(PciIdentity identity, RoutingId pfAddress, List<BarSpec> bars, long expansionRomSize,
        PcieCapabilitySpec pcie, Optional<MsixSpec> msix, Optional<DoeCapabilitySpec> doe,
        Optional<IdeCapabilitySpec> ide, Optional<SriovSpec> sriov, Optional<MsixSpec> vfMsix, boolean ari) {

    public EndpointSpec {
        Objects.requireNonNull(identity);
        Objects.requireNonNull(pfAddress);
        bars = List.copyOf(bars);
        Objects.requireNonNull(pcie);
        Objects.requireNonNull(msix);
        Objects.requireNonNull(doe);
        Objects.requireNonNull(ide);
        Objects.requireNonNull(sriov);
        Objects.requireNonNull(vfMsix);
        if (vfMsix.isPresent() && sriov.isEmpty()) {
            throw new IllegalArgumentException("VF MSI-X without SR-IOV");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.identity = identity;
        b.pfAddress = pfAddress;
        b.bars = new ArrayList<>(bars);
        b.romSize = expansionRomSize;
        b.pcie = pcie;
        b.msix = msix;
        b.doe = doe;
        b.ide = ide;
        b.sriov = sriov;
        b.vfMsix = vfMsix;
        b.ari = ari;
        return b;
    }

    /** Fluent construction with the defaults described on {@link EndpointSpec}. */
    public static final class Builder {
        private PciIdentity identity = new PciIdentity(0x8086, 0xFFFF, 0x01, 0x120000, 0x8086, 0x0001);
        private RoutingId pfAddress = RoutingId.of(1, 0, 0);
        private List<BarSpec> bars = new ArrayList<>(List.of(BarSpec.mem64(0, 2L << 20, true)));
        private long romSize;
        private PcieCapabilitySpec pcie = PcieCapabilitySpec.endpoint();
        private Optional<MsixSpec> msix = Optional.of(new MsixSpec(8, 0, 0x10000, 0, 0x18000));
        private Optional<DoeCapabilitySpec> doe = Optional.of(DoeCapabilitySpec.polled());
        private Optional<IdeCapabilitySpec> ide = Optional.of(new IdeCapabilitySpec(1, 1));
        private Optional<SriovSpec> sriov = Optional.of(sriovWith(4));
        private Optional<MsixSpec> vfMsix = Optional.of(new MsixSpec(2, 0, 0x10000, 0, 0x18000));
        private boolean ari = true;

        private Builder() {
        }

        private static SriovSpec sriovWith(int totalVfs) {
            return new SriovSpec(totalVfs, 1, 1, 0xFFFE, List.of(BarSpec.mem64(0, 1L << 20, true)));
        }

        public Builder identity(PciIdentity value) {
            identity = value;
            return this;
        }

        public Builder pfAddress(RoutingId value) {
            pfAddress = value;
            return this;
        }

        public Builder bars(BarSpec... value) {
            bars = new ArrayList<>(List.of(value));
            return this;
        }

        public Builder expansionRom(long size) {
            romSize = size;
            return this;
        }

        public Builder pcie(PcieCapabilitySpec value) {
            pcie = value;
            return this;
        }

        public Builder msix(MsixSpec value) {
            msix = Optional.ofNullable(value);
            return this;
        }

        public Builder doe(DoeCapabilitySpec value) {
            doe = Optional.ofNullable(value);
            return this;
        }

        public Builder ide(IdeCapabilitySpec value) {
            ide = Optional.ofNullable(value);
            return this;
        }

        /** SR-IOV with {@code totalVfs} VFs (First VF Offset 1, VF Stride 1, one 1 MiB 64-bit VF BAR0). */
        public Builder vfs(int totalVfs) {
            sriov = Optional.of(sriovWith(totalVfs));
            return this;
        }

        public Builder sriov(SriovSpec value) {
            sriov = Optional.ofNullable(value);
            if (value == null) {
                vfMsix = Optional.empty();
            }
            return this;
        }

        public Builder vfMsix(MsixSpec value) {
            vfMsix = Optional.ofNullable(value);
            return this;
        }

        public Builder ari(boolean value) {
            ari = value;
            return this;
        }

        public EndpointSpec build() {
            return new EndpointSpec(identity, pfAddress, bars, romSize, pcie, msix, doe, ide, sriov, vfMsix, ari);
        }
    }
}
