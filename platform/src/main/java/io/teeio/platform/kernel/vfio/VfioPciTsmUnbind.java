package io.teeio.platform.kernel.vfio;

/** The RFC's {@code struct vfio_pci_tsm_unbind {u32 argsz; u32 flags}}. */
public record VfioPciTsmUnbind(int argsz, int flags) {
    public static final int ARGSZ = 8;

    public static VfioPciTsmUnbind of() {
        return new VfioPciTsmUnbind(ARGSZ, 0);
    }
}
