package io.teeio.platform.kernel.iommufd;

/** {@code struct iommu_viommu_alloc}. The vIOMMU takes the VM of the device's VFIO KVM association. */
public record IommuViommuAlloc(int size, int flags, int type, int devId, int hwptId) {
    public static final int SIZE = 24;
    public static final int IOMMU_VIOMMU_TYPE_DEFAULT = 0;

    public static IommuViommuAlloc of(int devId, int hwptId) {
        return new IommuViommuAlloc(SIZE, 0, IOMMU_VIOMMU_TYPE_DEFAULT, devId, hwptId);
    }
}
