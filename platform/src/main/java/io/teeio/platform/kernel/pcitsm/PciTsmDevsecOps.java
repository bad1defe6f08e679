package io.teeio.platform.kernel.pcitsm;

import io.teeio.platform.kernel.pci.PciDev;

/** The guest-side ("devsec") op group of {@code struct pci_tsm_ops}; here only so registration can tell the two apart. */
public interface PciTsmDevsecOps {
    void lock(TsmDev tsm, PciDev pdev);

    void unlock(PciDev pdev);
}
