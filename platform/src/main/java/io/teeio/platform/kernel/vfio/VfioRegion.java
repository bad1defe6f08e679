package io.teeio.platform.kernel.vfio;

/** vfio-pci region indexes and the device-fd offset encoding. */
public final class VfioRegion {
    public static final int BAR0 = 0;
    public static final int BAR5 = 5;
    public static final int ROM = 6;
    public static final int CONFIG = 7;
    public static final int VGA = 8;
    public static final int NUM_REGIONS = 9;
    public static final int OFFSET_SHIFT = 40;

    public static final int VFIO_REGION_INFO_FLAG_READ = 1 << 0;
    public static final int VFIO_REGION_INFO_FLAG_WRITE = 1 << 1;
    public static final int VFIO_REGION_INFO_FLAG_MMAP = 1 << 2;

    private VfioRegion() {
    }

    public static boolean isBar(int index) {
        return index >= BAR0 && index <= BAR5;
    }

    public static long offset(int index) {
        return (long) index << OFFSET_SHIFT;
    }

    public static String name(int index) {
        return isBar(index) ? "BAR" + index : index == ROM ? "ROM" : index == CONFIG ? "CONFIG"
                : index == VGA ? "VGA" : "region " + index;
    }
}
