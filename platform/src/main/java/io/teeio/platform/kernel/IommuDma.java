package io.teeio.platform.kernel;

/** The IOMMU check a device model calls for each DMA it emits. */
@FunctionalInterface
public interface IommuDma {
    DmaOutcome dma(DmaRequest request);
}
