package io.teeio.platform.pci;

/**
 * Config reads and writes the way Linux issues them: 1, 2 or 4 bytes, naturally aligned
 * (pci_read_config_byte/word/dword). A misaligned or out-of-range access is refused with
 * {@link IllegalArgumentException}, as Linux refuses it with PCIBIOS_BAD_REGISTER_NUMBER.
 */
public interface ConfigAccessor {
    /** Returns the value zero-extended to an int. */
    int read(int offset, int size);

    void write(int offset, int size, int value);

    default int readByte(int offset) {
        return read(offset, 1);
    }

    default int readWord(int offset) {
        return read(offset, 2);
    }

    default int readDword(int offset) {
        return read(offset, 4);
    }

    default void writeByte(int offset, int value) {
        write(offset, 1, value);
    }

    default void writeWord(int offset, int value) {
        write(offset, 2, value);
    }

    default void writeDword(int offset, int value) {
        write(offset, 4, value);
    }

    /** The check every implementation applies before touching anything. */
    static void checkAccess(int offset, int size) {
        if (size != 1 && size != 2 && size != 4) {
            throw new IllegalArgumentException("config access size must be 1, 2 or 4 bytes, was " + size);
        }
        if (offset < 0 || offset + size > PciRegs.CONFIG_SPACE_SIZE) {
            throw new IllegalArgumentException("config access at 0x" + Integer.toHexString(offset)
                    + " is outside the 4 KiB config space");
        }
        if (offset % size != 0) {
            throw new IllegalArgumentException("config access of " + size + " bytes at 0x"
                    + Integer.toHexString(offset) + " is not naturally aligned");
        }
    }
}
