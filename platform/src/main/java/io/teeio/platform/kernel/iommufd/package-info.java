/**
 * iommufd: contexts with their object tables (IOAS, HWPT, device, vIOMMU, vDEVICE), IOMMU_OPTION with the
 * proposed EXCLUSIVE_RANGES, the vDEVICE TSM op and guest-request relay, and the IOMMU's DMA check.
 */
package io.teeio.platform.kernel.iommufd;
