package io.teeio.platform.pci;

/**
 * One named register of a function's config space.
 *
 * @param id     what it is
 * @param index  which one, for registers that repeat (BAR n, VF BAR n, IDE stream block n, address block);
 *               -1 otherwise
 * @param offset byte offset in config space
 * @param width  1, 2 or 4 bytes
 */
public record Register(RegisterId id, int index, int offset, int width) {
    public Register {
        if (width != 1 && width != 2 && width != 4) {
            throw new IllegalArgumentException("register width must be 1, 2 or 4, was " + width);
        }
        if (offset < 0 || offset + width > PciRegs.CONFIG_SPACE_SIZE || offset % width != 0) {
            throw new IllegalArgumentException("register " + id + " at 0x" + Integer.toHexString(offset)
                    + " (width " + width + ") is outside config space or misaligned");
        }
    }

    /** E.g. "COMMAND", "BAR2", "IDE_SEL_CONTROL0". */
    public String name() {
        return index < 0 ? id.name() : id.name() + index;
    }

    public boolean is(RegisterId other) {
        return id == other;
    }

    @Override
    public String toString() {
        return name() + "@0x" + Integer.toHexString(offset);
    }
}
