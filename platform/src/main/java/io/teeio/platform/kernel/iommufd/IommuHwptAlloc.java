package io.teeio.platform.kernel.iommufd;

/** {@code struct iommu_hwpt_alloc}: a paging HWPT on an IOAS; NEST_PARENT makes it usable under a vIOMMU. */
public record IommuHwptAlloc(int size, int flags, int devId, int ptId, int dataType) {
    public static final int SIZE = 40;
    public static final int IOMMU_HWPT_ALLOC_NEST_PARENT = 1 << 0;

    public static IommuHwptAlloc nestParent(int devId, int ioasId) {
        return new IommuHwptAlloc(SIZE, IOMMU_HWPT_ALLOC_NEST_PARENT, devId, ioasId, 0);
    }
}
