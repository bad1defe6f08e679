package io.teeio.platform.kernel.vfio;

/** The RFC's {@code struct vfio_pci_tsm_bind {u32 argsz; u32 flags; u32 vdevice_id; u32 pad}}. */
public record VfioPciTsmBind(int argsz, int flags, int vdeviceId) {
    public static final int ARGSZ = 16;

    public static VfioPciTsmBind of(int vdeviceId) {
        return new VfioPciTsmBind(ARGSZ, 0, vdeviceId);
    }
}
