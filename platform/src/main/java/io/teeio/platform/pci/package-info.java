/**
 * PCI config space model: a 4 KiB space per function built from an immutable {@link
 * io.teeio.platform.pci.ConfigLayout} (per-bit RO/RW/RW1C/write-only trigger, named registers), laid out by
 * {@link io.teeio.platform.pci.ConfigSpaceBuilder} (type 0/VF/type 1 header, BARs with the sizing protocol,
 * PCI Express, MSI-X, DOE, IDE, SR-IOV, ARI), accessed the way Linux accesses it ({@link
 * io.teeio.platform.pci.ConfigAccessor}), walked the way Linux walks it ({@link
 * io.teeio.platform.pci.CapabilityWalker}), and observed write by write ({@link
 * io.teeio.platform.pci.ConfigWriteListener}).
 */
package io.teeio.platform.pci;
