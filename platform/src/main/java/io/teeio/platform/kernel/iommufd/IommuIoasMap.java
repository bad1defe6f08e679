package io.teeio.platform.kernel.iommufd;

/** {@code struct iommu_ioas_map}: map [user_va, user_va + length) of the caller's memory at iova. */
public record IommuIoasMap(int size, int flags, int ioasId, long userVa, long length, long iova) {
    public static final int SIZE = 40;
    public static final int IOMMU_IOAS_MAP_FIXED_IOVA = 1 << 0;
    public static final int IOMMU_IOAS_MAP_WRITEABLE = 1 << 1;
    public static final int IOMMU_IOAS_MAP_READABLE = 1 << 2;

    /** A read/write mapping at a fixed IOVA. */
    public static IommuIoasMap fixed(int ioasId, long userVa, long length, long iova) {
        return new IommuIoasMap(SIZE, IOMMU_IOAS_MAP_FIXED_IOVA | IOMMU_IOAS_MAP_WRITEABLE | IOMMU_IOAS_MAP_READABLE,
                ioasId, userVa, length, iova);
    }
}
