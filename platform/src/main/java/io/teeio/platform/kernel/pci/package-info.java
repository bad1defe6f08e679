/**
 * The PCI core: functions behind the {@link io.teeio.platform.kernel.pci.PciFunctionHw} seam, the driver model,
 * BAR resources (request_region, exclusive claims that also close /dev/mem and sysfs), and the host access
 * paths that try to reach MMIO from outside the TDI's owner.
 */
package io.teeio.platform.kernel.pci;
