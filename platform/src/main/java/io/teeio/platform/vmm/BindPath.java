package io.teeio.platform.vmm;

/** Which uAPI the VMM uses to bind a TDI: the seed RFC's VFIO ioctl, or iommufd's vDEVICE op. */
public enum BindPath {
    /** VFIO_DEVICE_TSM_BIND / VFIO_DEVICE_TSM_UNBIND on the device cdev (the RFC). */
    VFIO_IOCTL,
    /** IOMMU_VDEVICE_TSM_OP BIND / UNBIND on the vDEVICE (where upstream moved it). */
    IOMMUFD_VDEVICE
}
