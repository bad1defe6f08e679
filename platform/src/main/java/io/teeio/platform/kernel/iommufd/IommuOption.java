package io.teeio.platform.kernel.iommufd;

/** {@code struct iommu_option} (IOMMU_OPTION). EXCLUSIVE_RANGES is the ictx option Jason proposed (value 2). */
public record IommuOption(int size, int optionId, int op, int reserved, int objectId, long val64) {
    public static final int SIZE = 24;
    public static final int IOMMU_OPTION_RLIMIT_MODE = 0;
    public static final int IOMMU_OPTION_HUGE_PAGES = 1;
    public static final int IOMMU_OPTION_EXCLUSIVE_RANGES = 2;
    public static final int IOMMU_OPTION_OP_SET = 0;
    public static final int IOMMU_OPTION_OP_GET = 1;

    public static IommuOption setExclusiveRanges(boolean on) {
        return new IommuOption(SIZE, IOMMU_OPTION_EXCLUSIVE_RANGES, IOMMU_OPTION_OP_SET, 0, 0, on ? 1 : 0);
    }

    public static IommuOption get(int optionId) {
        return new IommuOption(SIZE, optionId, IOMMU_OPTION_OP_GET, 0, 0, 0);
    }

    /** The same request with the value the kernel filled in (GET). */
    IommuOption withVal64(long v) {
        return new IommuOption(size, optionId, op, reserved, objectId, v);
    }
}
