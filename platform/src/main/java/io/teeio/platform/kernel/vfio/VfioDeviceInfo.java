package io.teeio.platform.kernel.vfio;

/** {@code struct vfio_device_info} as VFIO_DEVICE_GET_INFO fills it. */
public record VfioDeviceInfo(int argsz, int flags, int numRegions, int numIrqs) {
    public static final int MINSZ = 16;
    public static final int VFIO_DEVICE_FLAGS_RESET = 1 << 0;
    public static final int VFIO_DEVICE_FLAGS_PCI = 1 << 1;
    public static final int VFIO_DEVICE_FLAGS_CAPS = 1 << 7;
}
