package io.teeio.platform.kernel.host;

import io.teeio.platform.kernel.HostPolicies;
import io.teeio.platform.kernel.iommufd.IommufdSnapshot;
import io.teeio.platform.kernel.kvm.KvmSnapshot;
import io.teeio.platform.kernel.pci.PciSnapshot;
import io.teeio.platform.kernel.pcitsm.PciTsmSnapshot;
import io.teeio.platform.kernel.vfio.VfioSnapshot;

/** The host kernel's whole state as one immutable value: equal snapshots mean equal states. */
public record HostKernelSnapshot(HostPolicies policies, PciSnapshot pci, PciTsmSnapshot pciTsm, KvmSnapshot kvm,
        IommufdSnapshot iommufd, VfioSnapshot vfio) {
}
