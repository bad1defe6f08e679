package io.teeio.platform.pci;

/**
 * One software write as one register saw it: a dword write spanning two registers (Command and Status)
 * is reported once per register.
 *
 * @param register   the register touched
 * @param oldValue   the register's value before the write
 * @param newValue   its value after (write-only trigger bits read as 0, so they show in {@code written})
 * @param written    the bytes the access wrote, in register position (0 where not written)
 * @param byteEnable bit i set when byte i of the register was written
 */
public record ConfigWrite(Register register, int oldValue, int newValue, int written, int byteEnable) {

    public boolean changed(int mask) {
        return ((oldValue ^ newValue) & mask) != 0;
    }

    /** A bit that was set and is now clear. */
    public boolean cleared(int mask) {
        return (oldValue & mask) != 0 && (newValue & mask) == 0;
    }

    public boolean wroteOne(int mask) {
        return (written & mask) != 0;
    }

    @Override
    public String toString() {
        return register.name() + ": 0x" + Integer.toHexString(oldValue) + " -> 0x" + Integer.toHexString(newValue)
                + " (wrote 0x" + Integer.toHexString(written) + ")";
    }
}
