package io.teeio.platform.kernel.iommufd;

/** {@code struct iommu_vdevice_alloc}: the device as the guest sees it behind the vIOMMU (virt_id = vBDF). */
public record IommuVdeviceAlloc(int size, int viommuId, int devId, long virtId) {
    public static final int SIZE = 24;

    public static IommuVdeviceAlloc of(int viommuId, int devId, long virtId) {
        return new IommuVdeviceAlloc(SIZE, viommuId, devId, virtId);
    }
}
