package io.teeio.platform.kernel.vfio;

import io.teeio.platform.kernel.Bdf;
import java.util.List;

/** Immutable view of vfio-pci's devices. Ids are 0 and names empty where absent. */
public record VfioSnapshot(List<Device> devices) {
    public VfioSnapshot {
        devices = List.copyOf(devices);
    }

    public record Device(Bdf bdf, String cdev, boolean open, int devId, String iommufd, String kvm,
            boolean regionsExclusive, boolean dynamicRegions, int tsmBoundVdevice, boolean userMmioRevoked,
            boolean lowPower, int mmaps, List<DmaBufState> dmabufs, boolean devSetLockHeld) {
        public Device {
            dmabufs = List.copyOf(dmabufs);
        }
    }

    public record DmaBufState(String name, boolean revoked, boolean permanentlyRevoked, int refs, int importers) {
    }
}
