package io.teeio.platform.kernel.iommufd;

/** {@code struct iommu_destroy}. */
public record IommuDestroy(int size, int id) {
    public static final int SIZE = 8;

    public static IommuDestroy of(int id) {
        return new IommuDestroy(SIZE, id);
    }
}
