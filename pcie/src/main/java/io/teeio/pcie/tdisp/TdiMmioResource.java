package io.teeio.pcie.tdisp;

/**
 * One MMIO range a function decodes, as the device knows it (host physical byte address, from its BARs);
 * the TDI turns it into a report {@link MmioRange} at LOCK time.
 *
 * @param address    start address, 4 KiB aligned
 * @param length     size in bytes, a non-zero multiple of 4 KiB
 * @param attributes RANGE_ATTRIBUTES bits[15:0] ({@link MmioRange#MSIX_TABLE} ...)
 * @param rangeId    RANGE_ID (the BAR equivalent indicator, 0-7, for BAR-backed ranges)
 */
public record TdiMmioResource(long address, long length, int attributes, int rangeId) {
    public TdiMmioResource {
        if ((address & (MmioRange.PAGE_SIZE - 1)) != 0) {
            throw new IllegalArgumentException(String.format("MMIO address 0x%x is not 4 KiB aligned", address));
        }
        if (length <= 0 || (length & (MmioRange.PAGE_SIZE - 1)) != 0 || length / MmioRange.PAGE_SIZE > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("MMIO length " + length + " is not a positive multiple of 4 KiB"
                    + " up to 2^32 pages");
        }
        if (Long.compareUnsigned(address + length - 1, address) < 0) {
            throw new IllegalArgumentException(String.format("MMIO range 0x%x + 0x%x wraps around", address, length));
        }
        if (attributes < 0 || attributes > 0xFFFF || rangeId < 0 || rangeId > 0xFFFF) {
            throw new IllegalArgumentException("range attributes/RANGE_ID out of 16 bits: " + attributes + "/"
                    + rangeId);
        }
    }

    public long pages() {
        return length / MmioRange.PAGE_SIZE;
    }
}
