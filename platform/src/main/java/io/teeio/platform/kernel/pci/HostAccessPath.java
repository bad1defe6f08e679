package io.teeio.platform.kernel.pci;

/** The ways host software can try to reach a device's MMIO outside the TDI's owner CVM. */
public enum HostAccessPath {
    /** A kernel driver other than the one bound, claiming the range with request_mem_region and ioremapping it. */
    KERNEL_DRIVER,
    /** /dev/mem read or mmap. */
    DEV_MEM,
    /** mmap of /sys/bus/pci/devices/.../resourceN. */
    SYSFS_RESOURCE,
    /** A VFIO user mmap of a BAR region (the VMM's own path). */
    VFIO_USER_MMAP,
    /** pread/pwrite of a BAR region on the VFIO device fd (the VMM's own path). */
    VFIO_REGION_RW
}
