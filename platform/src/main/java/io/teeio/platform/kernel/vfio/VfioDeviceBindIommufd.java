package io.teeio.platform.kernel.vfio;

import io.teeio.platform.kernel.iommufd.IommufdCtx;

/** {@code struct vfio_device_bind_iommufd}: the iommufd is the context handle; out_devid is returned. */
public record VfioDeviceBindIommufd(int argsz, int flags, IommufdCtx iommufd) {
    public static final int ARGSZ = 16;

    public static VfioDeviceBindIommufd of(IommufdCtx iommufd) {
        return new VfioDeviceBindIommufd(ARGSZ, 0, iommufd);
    }
}
