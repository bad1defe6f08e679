package io.teeio.platform.kernel.vfio;

/** {@code struct vfio_region_dma_range}: a page-aligned slice of the region. */
public record VfioDmaRange(long offset, long length) {
}
