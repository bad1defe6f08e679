package io.teeio.platform.kernel.pci;

/** Config-space registers the kernel touches (pci_regs.h). */
public final class PciRegs {
    public static final int COMMAND = 0x04;
    public static final int COMMAND_MEMORY = 1 << 1;
    public static final int COMMAND_MASTER = 1 << 2;

    private PciRegs() {
    }

    public static String describeCommand(int value) {
        return "MSE=" + ((value & COMMAND_MEMORY) != 0 ? 1 : 0) + " BME=" + ((value & COMMAND_MASTER) != 0 ? 1 : 0);
    }
}
