package io.teeio.platform.kernel.pcitsm;

/**
 * pci_tsm_guest_req()'s result: the response, the TSM code, and the residue (response buffer bytes left unused,
 * the positive return value).
 */
public record GuestReqResult(TsmGuestResponse response, int residue) {
    public byte[] bytes() {
        return response.response();
    }

    public long tsmCode() {
        return response.tsmCode();
    }
}
