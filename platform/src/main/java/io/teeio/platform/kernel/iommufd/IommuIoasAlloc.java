package io.teeio.platform.kernel.iommufd;

/** {@code struct iommu_ioas_alloc}. */
public record IommuIoasAlloc(int size, int flags) {
    public static final int SIZE = 12;

    public static IommuIoasAlloc of() {
        return new IommuIoasAlloc(SIZE, 0);
    }
}
