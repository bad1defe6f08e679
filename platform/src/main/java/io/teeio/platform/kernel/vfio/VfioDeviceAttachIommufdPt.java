package io.teeio.platform.kernel.vfio;

/** {@code struct vfio_device_attach_iommufd_pt}: pt_id is an IOAS (auto domain) or a HWPT; the HWPT id is returned. */
public record VfioDeviceAttachIommufdPt(int argsz, int flags, int ptId) {
    public static final int ARGSZ = 12;

    public static VfioDeviceAttachIommufdPt of(int ptId) {
        return new VfioDeviceAttachIommufdPt(ARGSZ, 0, ptId);
    }
}
