package io.teeio.platform.kernel.iommufd;

/** IOMMU_VDEVICE_TSM_OP (cmd 0x95, Aneesh v5): {@code {u32 size, type, flags, vdevice_id}}. */
public record IommuVdeviceTsmOp(int size, int type, int flags, int vdeviceId) {
    public static final int SIZE = 16;
    public static final int IOMMU_VDEVICE_TSM_BIND = 1;
    public static final int IOMMU_VDEVICE_TSM_UNBIND = 2;

    public static IommuVdeviceTsmOp bind(int vdeviceId) {
        return new IommuVdeviceTsmOp(SIZE, IOMMU_VDEVICE_TSM_BIND, 0, vdeviceId);
    }

    public static IommuVdeviceTsmOp unbind(int vdeviceId) {
        return new IommuVdeviceTsmOp(SIZE, IOMMU_VDEVICE_TSM_UNBIND, 0, vdeviceId);
    }
}
