package io.teeio.platform.vmm;

import io.teeio.platform.kernel.Bdf;

/**
 * How the VMM assigns one function to one CVM.
 *
 * @param device          the host function (bound to vfio-pci by the VMM if it is not yet)
 * @param exclusiveRanges set IOMMU_OPTION_EXCLUSIVE_RANGES on the iommufd context before the cdev is bound
 * @param bindPath        which uAPI binds the TDI
 * @param guestMemory     guest RAM size; the lower half is private, the upper half shared
 * @param privateMmioGpa  where the device's private MMIO (BAR 0) appears in the guest
 * @param virtualId       the vDEVICE virtual id (the guest's BDF for the device)
 */
public record VmmConfig(Bdf device, boolean exclusiveRanges, BindPath bindPath, long guestMemory, long privateMmioGpa,
        long virtualId) {
    public static final long DEFAULT_GUEST_MEMORY = 0x100_0000;
    public static final long DEFAULT_PRIVATE_MMIO_GPA = 0x1_0000_0000L;
    /** 00:01.0 in the guest. */
    public static final long DEFAULT_VIRTUAL_ID = 0x08;

    public VmmConfig {
        if (guestMemory <= 0 || guestMemory % 0x2000 != 0) {
            throw new IllegalArgumentException("guest memory must be a positive multiple of 8 KiB");
        }
    }

    public static VmmConfig defaults(Bdf device) {
        return new VmmConfig(device, true, BindPath.VFIO_IOCTL, DEFAULT_GUEST_MEMORY, DEFAULT_PRIVATE_MMIO_GPA,
                DEFAULT_VIRTUAL_ID);
    }

    public VmmConfig withBindPath(BindPath p) {
        return new VmmConfig(device, exclusiveRanges, p, guestMemory, privateMmioGpa, virtualId);
    }

    public VmmConfig withExclusiveRanges(boolean on) {
        return new VmmConfig(device, on, bindPath, guestMemory, privateMmioGpa, virtualId);
    }

    /** End of the private half of guest RAM (GPA). */
    public long privateEnd() {
        return guestMemory / 2;
    }
}
