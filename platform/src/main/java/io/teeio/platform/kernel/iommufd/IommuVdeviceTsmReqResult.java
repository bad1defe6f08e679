package io.teeio.platform.kernel.iommufd;

/** What IOMMU_VDEVICE_TSM_REQ fills in: the response (resp_len bytes), the TSM code, and the returned residue. */
public record IommuVdeviceTsmReqResult(byte[] response, long tsmCode, int residue) {
    public IommuVdeviceTsmReqResult {
        response = response.clone();
    }

    @Override
    public byte[] response() {
        return response.clone();
    }

    public int respLen() {
        return response.length;
    }
}
