package io.teeio.platform.kernel.vfio;

/** {@code struct vfio_device_detach_iommufd_pt}. */
public record VfioDeviceDetachIommufdPt(int argsz, int flags) {
    public static final int ARGSZ = 8;

    public static VfioDeviceDetachIommufdPt of() {
        return new VfioDeviceDetachIommufdPt(ARGSZ, 0);
    }
}
