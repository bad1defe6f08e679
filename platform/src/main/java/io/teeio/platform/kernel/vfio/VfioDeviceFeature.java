package io.teeio.platform.kernel.vfio;

/** VFIO_DEVICE_FEATURE without payload (the low-power features): {@code {argsz, flags = op | feature}}. */
public record VfioDeviceFeature(int argsz, int flags) {
    public static final int ARGSZ = 8;
    public static final int VFIO_DEVICE_FEATURE_MASK = 0xffff;
    public static final int VFIO_DEVICE_FEATURE_LOW_POWER_ENTRY = 3;
    public static final int VFIO_DEVICE_FEATURE_LOW_POWER_EXIT = 5;

    public static VfioDeviceFeature set(int feature) {
        return new VfioDeviceFeature(ARGSZ, VfioDeviceFeatureDmaBuf.VFIO_DEVICE_FEATURE_SET | feature);
    }

    public int feature() {
        return flags & VFIO_DEVICE_FEATURE_MASK;
    }
}
