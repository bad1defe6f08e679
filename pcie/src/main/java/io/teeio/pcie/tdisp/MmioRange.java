package io.teeio.pcie.tdisp;

/**
 * One MMIO range of a TDI report (also the body of SET_MMIO_ATTRIBUTE_REQUEST).
 *
 * @param firstPage     4 KiB page number of the first page, MMIO_REPORTING_OFFSET already added
 * @param numberOfPages count of 4 KiB pages (unsigned 32-bit)
 * @param attributes    RANGE_ATTRIBUTES bits[15:0]
 * @param rangeId       RANGE_ATTRIBUTES bits[31:16] (0-7 for BAR-backed ranges: the BAR equivalent)
 */
public record MmioRange(long firstPage, long numberOfPages, int attributes, int rangeId) {
    public static final int MSIX_TABLE = 0x0001;
    public static final int MSIX_PBA = 0x0002;
    public static final int IS_NON_TEE_MEM = 0x0004;
    public static final int IS_MEM_ATTR_UPDATABLE = 0x0008;
    public static final int PAGE_SIZE = 4096;

    public MmioRange {
        if (numberOfPages < 0 || numberOfPages > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("NUMBER_OF_PAGES out of 32 bits: " + numberOfPages);
        }
        if (attributes < 0 || attributes > 0xFFFF) {
            throw new IllegalArgumentException("range attributes out of 16 bits: " + attributes);
        }
        if (rangeId < 0 || rangeId > 0xFFFF) {
            throw new IllegalArgumentException("RANGE_ID out of 16 bits: " + rangeId);
        }
    }

    public boolean has(int attribute) {
        return (attributes & attribute) == attribute;
    }

    /** The same range with IS_NON_TEE_MEM set or cleared. */
    public MmioRange withNonTeeMemory(boolean nonTee) {
        return new MmioRange(firstPage, numberOfPages, nonTee ? attributes | IS_NON_TEE_MEM
                : attributes & ~IS_NON_TEE_MEM, rangeId);
    }

    @Override
    public String toString() {
        return String.format("MmioRange[page 0x%x, %d pages, attributes 0x%04x, id %d]", firstPage, numberOfPages,
                attributes, rangeId);
    }
}
