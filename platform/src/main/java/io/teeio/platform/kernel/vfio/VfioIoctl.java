package io.teeio.platform.kernel.vfio;

/** VFIO device ioctl numbers: _IO(VFIO_TYPE ';', VFIO_BASE 100 + n). */
public final class VfioIoctl {
    private static final int TYPE = ';';

    public static final int VFIO_DEVICE_GET_INFO = io(7);
    public static final int VFIO_DEVICE_GET_REGION_INFO = io(8);
    public static final int VFIO_DEVICE_GET_IRQ_INFO = io(9);
    public static final int VFIO_DEVICE_SET_IRQS = io(10);
    public static final int VFIO_DEVICE_RESET = io(11);
    public static final int VFIO_DEVICE_GET_PCI_HOT_RESET_INFO = io(12);
    public static final int VFIO_DEVICE_PCI_HOT_RESET = io(13);
    public static final int VFIO_DEVICE_FEATURE = io(17);
    public static final int VFIO_DEVICE_BIND_IOMMUFD = io(18);
    public static final int VFIO_DEVICE_ATTACH_IOMMUFD_PT = io(19);
    public static final int VFIO_DEVICE_DETACH_IOMMUFD_PT = io(20);
    /** The seed RFC's patch 19 (never merged). */
    public static final int VFIO_DEVICE_TSM_BIND = io(22);
    public static final int VFIO_DEVICE_TSM_UNBIND = io(23);

    private VfioIoctl() {
    }

    private static int io(int n) {
        return TYPE << 8 | (100 + n);
    }

    public static String name(int cmd) {
        for (var f : VfioIoctl.class.getFields()) {
            try {
                if (f.getType() == int.class && f.getInt(null) == cmd) {
                    return f.getName();
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.format("ioctl 0x%x", cmd);
    }
}
