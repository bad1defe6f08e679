package io.teeio.platform.kernel.pci;

/** One implemented memory BAR: index 0..5, assigned host physical address, size in bytes (a power of two). */
public record BarInfo(int index, long address, long size, boolean mem64, boolean prefetchable) {
    public BarInfo {
        if (index < 0 || index > 5) {
            throw new IllegalArgumentException("BAR index " + index + " not in 0..5");
        }
        if (size <= 0 || Long.bitCount(size) != 1) {
            throw new IllegalArgumentException("BAR size must be a power of two: " + size);
        }
        if (address % size != 0) {
            throw new IllegalArgumentException("BAR address 0x" + Long.toHexString(address) + " not aligned to its size");
        }
    }

    public long end() {
        return address + size - 1;
    }

    public boolean contains(long physAddr) {
        return physAddr >= address && physAddr <= end();
    }
}
