package io.teeio.platform.kernel.iommufd;

/**
 * The driver that bound a device to iommufd (vfio-pci). TSM bind/unbind arriving through iommufd (the vDEVICE op,
 * VM teardown) is handed to it, so that one kernel core runs both bind paths: the owner knows the device's
 * regions, user mmaps and dma-bufs, and calls back {@link IommufdDevice#tsmBindCore} /
 * {@link IommufdDevice#tsmUnbindCore} for the iommufd part.
 */
public interface IommufdDeviceOwner {
    String name();

    /** Bind the device's TDI through {@code vdevice}; errors as the called ioctl reports them. */
    void tsmBind(Vdevice vdevice, String call);

    /** Unbind if bound; never fails. */
    void tsmUnbind(String why);
}
