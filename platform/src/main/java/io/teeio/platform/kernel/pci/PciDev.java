package io.teeio.platform.kernel.pci;

import io.teeio.platform.kernel.Bdf;
import io.teeio.platform.kernel.KernelTrace;
import java.util.List;
import java.util.Optional;

/**
 * The kernel's {@code struct pci_dev}: one function as enumerated, with its bound driver and the helpers drivers
 * use to touch the hardware (Command register, FLR, power state). Every hardware change is traced.
 */
public final class PciDev {
    private final PciFunctionHw hw;
    private final KernelTrace trace;
    private String driver = "";

    PciDev(PciFunctionHw hw, KernelTrace trace) {
        this.hw = hw;
        this.trace = trace;
    }

    public Bdf bdf() {
        return hw.bdf();
    }

    /** The hardware seam behind this function. */
    public PciFunctionHw hw() {
        return hw;
    }

    public int vendorId() {
        return hw.vendorId();
    }

    public int deviceId() {
        return hw.deviceId();
    }

    public boolean isVirtfn() {
        return hw.isVirtualFunction();
    }

    public Optional<Bdf> physfn() {
        return hw.physicalFunction();
    }

    public List<BarInfo> bars() {
        return hw.bars();
    }

    public Optional<BarInfo> bar(int index) {
        return hw.bars().stream().filter(b -> b.index() == index).findFirst();
    }

    /** Name of the bound driver, or empty. */
    public String driverName() {
        return driver;
    }

    void setDriver(String name) {
        driver = name;
    }

    public String actor() {
        return "pci " + bdf();
    }

    /**
     * The Command register. A VF's Memory Space Enable is read-only zero in hardware (the PF's VF MSE governs
     * it), so, as vfio-pci does for {@code no_command_memory} devices, the kernel keeps a VF's MSE virtually.
     */
    public int readCommand() {
        int hwValue = hw.configRead(PciRegs.COMMAND, 2);
        if (!hw.isVirtualFunction()) {
            return hwValue;
        }
        return (hwValue & ~PciRegs.COMMAND_MEMORY) | (vfMemoryEnabled ? PciRegs.COMMAND_MEMORY : 0);
    }

    private boolean vfMemoryEnabled;

    public boolean memoryEnabled() {
        return (readCommand() & PciRegs.COMMAND_MEMORY) != 0;
    }

    /** Writes the Command register; {@code why} names the caller (e.g. "vfio_pci_core_disable"). */
    public void writeCommand(int value, String why) {
        int before = readCommand();
        if (hw.isVirtualFunction()) {
            vfMemoryEnabled = (value & PciRegs.COMMAND_MEMORY) != 0;
        }
        hw.configWrite(PciRegs.COMMAND, 2, value & 0xffff);
        trace.transition(actor(), "config write COMMAND", why, PciRegs.describeCommand(before),
                PciRegs.describeCommand(readCommand()));
    }

    public void setCommandBits(int bits, String why) {
        writeCommand(readCommand() | bits, why);
    }

    public void clearCommandBits(int bits, String why) {
        writeCommand(readCommand() & ~bits, why);
    }

    /** pcie_flr(). */
    public void functionReset(String why) {
        hw.functionLevelReset();
        trace.event(actor(), "FLR", why);
    }

    public PowerState powerState() {
        return hw.powerState();
    }

    public void setPowerState(PowerState state, String why) {
        PowerState before = hw.powerState();
        hw.setPowerState(state);
        trace.transition(actor(), "pci_set_power_state", why, before, hw.powerState());
    }

    @Override
    public String toString() {
        return bdf().toString();
    }
}
