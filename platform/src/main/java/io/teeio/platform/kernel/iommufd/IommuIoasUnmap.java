package io.teeio.platform.kernel.iommufd;

/** {@code struct iommu_ioas_unmap}. */
public record IommuIoasUnmap(int size, int ioasId, long iova, long length) {
    public static final int SIZE = 24;

    public static IommuIoasUnmap of(int ioasId, long iova, long length) {
        return new IommuIoasUnmap(SIZE, ioasId, iova, length);
    }
}
