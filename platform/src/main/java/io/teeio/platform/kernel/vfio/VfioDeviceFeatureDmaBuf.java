package io.teeio.platform.kernel.vfio;

import java.util.List;

/**
 * VFIO_DEVICE_FEATURE with VFIO_DEVICE_FEATURE_GET | VFIO_DEVICE_FEATURE_DMA_BUF (11) and
 * {@code struct vfio_device_feature_dma_buf {region_index, open_flags, flags, nr_ranges, dma_ranges[]}}.
 */
public record VfioDeviceFeatureDmaBuf(int argsz, int featureFlags, int regionIndex, int openFlags, int flags,
        List<VfioDmaRange> ranges) {
    public static final int VFIO_DEVICE_FEATURE_GET = 1 << 16;
    public static final int VFIO_DEVICE_FEATURE_SET = 1 << 17;
    public static final int VFIO_DEVICE_FEATURE_DMA_BUF = 11;
    public static final int MINSZ = 8 + 16;

    public VfioDeviceFeatureDmaBuf {
        ranges = List.copyOf(ranges);
    }

    public static VfioDeviceFeatureDmaBuf of(int regionIndex, List<VfioDmaRange> ranges) {
        return new VfioDeviceFeatureDmaBuf(MINSZ + 16 * ranges.size(),
                VFIO_DEVICE_FEATURE_GET | VFIO_DEVICE_FEATURE_DMA_BUF, regionIndex, 0, 0, ranges);
    }
}
