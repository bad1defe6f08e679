/**
 * The emulated PCIe endpoint: {@link io.teeio.platform.device.Endpoint} with its PF and SR-IOV VFs
 * ({@link io.teeio.platform.device.PciFunction}), BAR memory, MMIO decided per function by a
 * {@link io.teeio.platform.device.TdiGate} (the TDISP side's seam), DMA through an
 * {@link io.teeio.platform.device.Iommu} (the host IOMMU model's seam), and
 * {@link io.teeio.platform.device.SecurityEvent}s raised to {@link io.teeio.platform.device.TdiSecurityEvents}
 * for the changes that send a locked TDI to ERROR ({@link io.teeio.platform.device.SecurityRelevance}).
 */
package io.teeio.platform.device;
