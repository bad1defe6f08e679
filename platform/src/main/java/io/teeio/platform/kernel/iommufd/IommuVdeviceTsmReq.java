package io.teeio.platform.kernel.iommufd;

/**
 * IOMMU_VDEVICE_TSM_REQ (cmd 0x96, v5 layout): a guest request relayed to the TSM for a bound vDEVICE. The
 * request bytes stand for req_uptr/req_len; respLen is the response buffer's size.
 */
public record IommuVdeviceTsmReq(int size, int vdeviceId, int scope, byte[] request, int respLen, int reserved) {
    public static final int SIZE = 40;
    public static final int IOMMU_VDEVICE_TSM_REQ_PCI_INFO = 0;
    public static final int IOMMU_VDEVICE_TSM_REQ_PCI_STATE_CHANGE = 1;
    public static final int IOMMU_VDEVICE_TSM_REQ_PCI_DEBUG_READ = 2;
    public static final int IOMMU_VDEVICE_TSM_REQ_PCI_DEBUG_WRITE = 3;

    public IommuVdeviceTsmReq {
        request = request.clone();
    }

    @Override
    public byte[] request() {
        return request.clone();
    }

    public static IommuVdeviceTsmReq of(int vdeviceId, int scope, byte[] request, int respLen) {
        return new IommuVdeviceTsmReq(SIZE, vdeviceId, scope, request, respLen, 0);
    }
}
