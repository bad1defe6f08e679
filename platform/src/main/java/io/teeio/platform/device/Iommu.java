package io.teeio.platform.device;

/**
 * Where device-initiated memory requests go: the host's IOMMU model (io.teeio.platform.kernel) implements it,
 * translating by requester id and deciding on the T bit.
 */
@FunctionalInterface
public interface Iommu {
    /** No IOMMU attached: every DMA is an unsupported request. */
    Iommu ABSENT = request -> DmaOutcome.unsupportedRequest("no IOMMU attached to the device");

    DmaOutcome dma(DmaRequest request);
}
