package io.teeio.platform.kernel.pcitsm;

import io.teeio.platform.kernel.pci.PciDev;

/**
 * Implemented by a PCI driver that keeps state about its function's TDI (vfio-pci): when the PCI/TSM core must
 * unbind a TDI on its own (disconnect, TSM unregistration), it asks the driver first so the driver runs its whole
 * unbind (private MMIO, trusted DMA, regions) instead of finding its TDI gone. Like the RFC's
 * {@code pci_driver::tsm_handler}. The driver ends by calling {@link PciTsmCore#unbind}.
 */
public interface PciTsmDriverHook {
    void tsmUnbindRequested(PciDev pdev, String why);
}
