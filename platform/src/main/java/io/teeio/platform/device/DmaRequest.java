package io.teeio.platform.device;

import io.teeio.platform.pci.RoutingId;
import io.teeio.spdm.codec.Bytes;
import java.util.Objects;

/**
 * A memory request the device issues towards the host, as the IOMMU sees it.
 *
 * @param requester the function's routing id (what the IOMMU looks up its context by)
 * @param address   I/O virtual address
 * @param tee       T bit: set when the TDI is in RUN, so the IOMMU may reach the TVM's private memory
 */
public record DmaRequest(RoutingId requester, long address, int length, boolean write, Bytes data, boolean tee) {
    public DmaRequest {
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(data, "data");
        if (length < 1) {
            throw new IllegalArgumentException("DMA length must be >= 1");
        }
        if (write && data.length() != length) {
            throw new IllegalArgumentException("DMA write of " + data.length() + " bytes declares length " + length);
        }
    }

    @Override
    public String toString() {
        return "DMA " + (write ? "write " : "read ") + length + " bytes at 0x" + Long.toHexString(address) + " from "
                + requester + (tee ? " T=1" : " T=0");
    }
}
