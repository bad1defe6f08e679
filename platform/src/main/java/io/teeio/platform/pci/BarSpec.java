package io.teeio.platform.pci;

/**
 * A memory BAR as the hardware defines it: which slot, how big, 32- or 64-bit, prefetchable.
 * A 64-bit BAR also occupies slot {@code index + 1}. I/O BARs are not modelled (TEE-IO devices use memory).
 *
 * @param size bytes, a power of two, at least 16 (the smallest memory BAR)
 */
public record BarSpec(int index, long size, boolean is64Bit, boolean prefetchable) {
    public BarSpec {
        if (index < 0 || index > 5) {
            throw new IllegalArgumentException("BAR index must be 0..5, was " + index);
        }
        if (is64Bit && index == 5) {
            throw new IllegalArgumentException("a 64-bit BAR cannot start at BAR5");
        }
        if (size < 16 || Long.bitCount(size) != 1) {
            throw new IllegalArgumentException("BAR" + index + " size must be a power of two >= 16, was " + size);
        }
        if (!is64Bit && size > (1L << 31)) {
            throw new IllegalArgumentException("BAR" + index + ": a 32-bit BAR cannot be larger than 2 GiB");
        }
    }

    public static BarSpec mem32(int index, long size) {
        return new BarSpec(index, size, false, false);
    }

    public static BarSpec mem64(int index, long size, boolean prefetchable) {
        return new BarSpec(index, size, true, prefetchable);
    }

    /** The read-only low bits of the BAR register (type and prefetchable). */
    public int flags() {
        return (is64Bit ? PciRegs.BASE_ADDRESS_MEM_TYPE_64 : 0) | (prefetchable ? PciRegs.BASE_ADDRESS_MEM_PREFETCH : 0);
    }

    /** Writable bits of the low dword: the address bits above the size. */
    public int lowAddressMask() {
        return (int) (~(size - 1)) & PciRegs.BASE_ADDRESS_MEM_MASK;
    }

    /** Writable bits of the high dword of a 64-bit BAR. */
    public int highAddressMask() {
        return (int) ((~(size - 1)) >>> 32);
    }

    public String describe() {
        return "BAR" + index + " " + size + " bytes " + (is64Bit ? "64-bit" : "32-bit")
                + (prefetchable ? " prefetchable" : "");
    }
}
