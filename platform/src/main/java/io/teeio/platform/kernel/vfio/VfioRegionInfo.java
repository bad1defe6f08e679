package io.teeio.platform.kernel.vfio;

/** {@code struct vfio_region_info}: argsz and index in; flags, size and the fd offset out. */
public record VfioRegionInfo(int argsz, int index, int flags, long size, long offset) {
    public static final int MINSZ = 32;

    public static VfioRegionInfo query(int index) {
        return new VfioRegionInfo(MINSZ, index, 0, 0, 0);
    }
}
