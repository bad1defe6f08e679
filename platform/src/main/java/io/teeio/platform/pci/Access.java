package io.teeio.platform.pci;

/** How software sees one bit of a register. */
public enum Access {
    /** Read-only: writes ignored (includes hardware-initialised and device-updated status bits). */
    RO,
    /** Read-write. */
    RW,
    /** Write 1 to clear. */
    RW1C,
    /** A write-only trigger: writing 1 starts something (Initiate FLR), reads as 0. */
    WO
}
