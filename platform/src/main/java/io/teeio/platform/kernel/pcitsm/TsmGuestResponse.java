package io.teeio.platform.kernel.pcitsm;

import java.util.Arrays;

/** What a TSM answers a guest request with: response bytes and its architecture-specific result code. */
public final class TsmGuestResponse {
    private final byte[] response;
    private final long tsmCode;

    public TsmGuestResponse(byte[] response, long tsmCode) {
        this.response = response.clone();
        this.tsmCode = tsmCode;
    }

    public byte[] response() {
        return response.clone();
    }

    public int length() {
        return response.length;
    }

    public long tsmCode() {
        return tsmCode;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TsmGuestResponse r && tsmCode == r.tsmCode && Arrays.equals(response, r.response);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(response) + Long.hashCode(tsmCode);
    }

    @Override
    public String toString() {
        return "TsmGuestResponse[" + response.length + " bytes, tsmCode=" + tsmCode + "]";
    }
}
