package io.teeio.platform.pci;

import java.util.List;

/**
 * The SR-IOV capability of a PF: how many VFs, how their routing ids follow the PF's
 * (First VF Offset, VF Stride), their device id and the per-VF size of each VF BAR.
 */
public record SriovSpec(int totalVfs, int firstVfOffset, int vfStride, int vfDeviceId, List<BarSpec> vfBars) {
    public SriovSpec {
        if (totalVfs < 1 || totalVfs > 256) {
            throw new IllegalArgumentException("TotalVFs must be 1..256 here, was " + totalVfs);
        }
        if (firstVfOffset < 1 || firstVfOffset > 0xFFFF || vfStride < 1 || vfStride > 0xFFFF) {
            throw new IllegalArgumentException("First VF Offset and VF Stride must be 1..65535");
        }
        if (vfDeviceId < 0 || vfDeviceId > 0xFFFF) {
            throw new IllegalArgumentException("VF device id out of range");
        }
        vfBars = List.copyOf(vfBars);
    }

    /** Routing id offset of VF {@code n} (1-based) from its PF. */
    public int routingIdOffset(int n) {
        return firstVfOffset + (n - 1) * vfStride;
    }
}
