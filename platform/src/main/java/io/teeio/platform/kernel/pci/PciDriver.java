package io.teeio.platform.kernel.pci;

/** A PCI driver in the driver model: bound to at most one driver per function. */
public interface PciDriver {
    String name();

    /** Take the function; throw a KernelException to refuse it. */
    void probe(PciDev pdev);

    /** Give it back; may throw EBUSY while userspace still holds it open. */
    void remove(PciDev pdev);
}
