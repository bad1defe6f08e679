package io.teeio.platform.pci;

/**
 * MSI-X: how many vectors and where the table and PBA live (BAR Indicator Register + offset in that BAR).
 */
public record MsixSpec(int tableSize, int tableBir, int tableOffset, int pbaBir, int pbaOffset) {
    public MsixSpec {
        if (tableSize < 1 || tableSize > 2048) {
            throw new IllegalArgumentException("MSI-X table size must be 1..2048, was " + tableSize);
        }
        if (tableBir < 0 || tableBir > 5 || pbaBir < 0 || pbaBir > 5) {
            throw new IllegalArgumentException("MSI-X BIR must name BAR0..5");
        }
        if ((tableOffset & 7) != 0 || (pbaOffset & 7) != 0) {
            throw new IllegalArgumentException("MSI-X table and PBA offsets must be QWORD aligned");
        }
    }

    public long tableBytes() {
        return (long) tableSize * PciRegs.MSIX_ENTRY_SIZE;
    }

    public long pbaBytes() {
        return ((tableSize + 63) / 64) * 8L;
    }
}
