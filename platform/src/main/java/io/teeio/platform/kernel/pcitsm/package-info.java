/**
 * The PCI/TSM core of Linux 6.19 (drivers/pci/tsm.c): TSM registration, tsm/connect and friends through the DSM,
 * and pci_tsm_bind/unbind/guest_req, over the {@link io.teeio.platform.kernel.pcitsm.PciTsmLinkOps} seam a
 * platform TSM driver implements.
 */
package io.teeio.platform.kernel.pcitsm;
