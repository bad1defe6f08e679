package io.teeio.platform.kernel;

/**
 * Who holds a VFIO device's BAR regions, and when (DESIGN.md, "The design question").
 */
public enum RegionPolicy {
    /**
     * The resolution argued on linux-pci: userspace sets {@code IOMMU_OPTION_EXCLUSIVE_RANGES} on its iommufd
     * before binding the VFIO cdev; VFIO then requests the regions exclusively once, at that bind, and keeps
     * them until close. TSM bind/unbind never change region ownership; TSM bind requires them.
     */
    EXCLUSIVE_AT_OPEN,
    /**
     * The RFC's behaviour: {@code pci_request_regions_exclusive()} inside TSM bind and release at unbind, so
     * between unbind and the next bind nothing keeps other claimants off a still-assigned device. The kernel
     * has no exclusive-ranges option.
     */
    DYNAMIC_ON_BIND
}
