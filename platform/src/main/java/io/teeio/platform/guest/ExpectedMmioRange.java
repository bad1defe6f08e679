package io.teeio.platform.guest;

/**
 * One MMIO range the guest expects in the interface report, in report order.
 *
 * @param rangeId       RANGE_ID (BAR equivalent indicator for BAR-backed ranges)
 * @param pages         NUMBER_OF_PAGES (4 KiB)
 * @param nonTeeMemory  whether the range must be marked IS_NON_TEE_MEM
 */
public record ExpectedMmioRange(int rangeId, long pages, boolean nonTeeMemory) {
    public ExpectedMmioRange {
        if (pages <= 0) {
            throw new IllegalArgumentException("an expected MMIO range has at least one page");
        }
    }
}
