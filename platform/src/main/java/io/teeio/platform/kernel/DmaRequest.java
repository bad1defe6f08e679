package io.teeio.platform.kernel;

import java.util.Objects;

/**
 * A DMA a device emits, as the IOMMU sees it.
 *
 * @param requester the function's routing id
 * @param tee       the TLP's T bit (TEE-originated request, only legal from a TDI in RUN)
 * @param address   IOVA for T=0, guest physical address of the bound VM for T=1
 */
public record DmaRequest(Bdf requester, boolean tee, long address, long length, boolean write) {
    public DmaRequest {
        Objects.requireNonNull(requester, "requester");
        if (length <= 0) {
            throw new IllegalArgumentException("DMA length must be positive: " + length);
        }
    }
}
