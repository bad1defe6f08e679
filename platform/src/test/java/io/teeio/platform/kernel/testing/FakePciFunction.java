package io.teeio.platform.kernel.testing;

import io.teeio.platform.kernel.Bdf;
import io.teeio.platform.kernel.TdispState;
import io.teeio.platform.kernel.pci.BarInfo;
import io.teeio.platform.kernel.pci.MmioOutcome;
import io.teeio.platform.kernel.pci.PciFunctionHw;
import io.teeio.platform.kernel.pci.PciRegs;
import io.teeio.platform.kernel.pci.PowerState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A fake PCI function with a TDI: Command register, BARs backed by a register word, power state, FLR, and a
 * TDISP state the fake TSM drives. Like a real DSM it sends a CONFIG_LOCKED/RUN TDI to ERROR when MSE or BME is
 * cleared, on FLR (a PF's FLR hits its VFs) and on D3hot; it refuses non-TEE MMIO to a locked TDI (UR) and
 * records that as a violation of I1.
 */
public final class FakePciFunction implements PciFunctionHw {
    private final Bdf bdf;
    private final Bdf physfn;
    private final boolean cmaDoe;
    private final boolean ide;
    private final boolean tee;
    private final List<BarInfo> bars;
    private final HwLog log;
    private final byte[] config = new byte[4096];
    private final List<FakePciFunction> vfs = new ArrayList<>();
    private final List<TdispState> history = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private final List<String> hostAccesses = new ArrayList<>();
    private PowerState power = PowerState.D0;
    private TdispState tdisp = TdispState.CONFIG_UNLOCKED;
    private long register = 0x1234_5678L;

    public FakePciFunction(Bdf bdf, Bdf physfn, boolean cmaDoe, boolean ide, boolean tee, List<BarInfo> bars,
            HwLog log) {
        this.bdf = bdf;
        this.physfn = physfn;
        this.cmaDoe = cmaDoe;
        this.ide = ide;
        this.tee = tee;
        this.bars = List.copyOf(bars);
        this.log = log;
        history.add(tdisp);
    }

    public void addVf(FakePciFunction vf) {
        vfs.add(vf);
    }

    @Override
    public Bdf bdf() {
        return bdf;
    }

    @Override
    public int vendorId() {
        return 0x8086;
    }

    @Override
    public int deviceId() {
        return physfn == null ? 0x0d5c : 0x0d5d;
    }

    @Override
    public boolean isVirtualFunction() {
        return physfn != null;
    }

    @Override
    public Optional<Bdf> physicalFunction() {
        return Optional.ofNullable(physfn);
    }

    @Override
    public boolean hasCmaDoe() {
        return cmaDoe;
    }

    @Override
    public boolean hasIde() {
        return ide;
    }

    @Override
    public boolean hasTee() {
        return tee;
    }

    @Override
    public List<BarInfo> bars() {
        return bars;
    }

    @Override
    public int configRead(int offset, int size) {
        int v = 0;
        for (int i = size - 1; i >= 0; i--) {
            v = v << 8 | (config[offset + i] & 0xff);
        }
        return v;
    }

    @Override
    public void configWrite(int offset, int size, int value) {
        int before = command();
        for (int i = 0; i < size; i++) {
            config[offset + i] = (byte) (value >>> (8 * i));
        }
        int after = command();
        if (after != before) {
            log.add(bdf + " config COMMAND " + PciRegs.describeCommand(before) + " -> " + PciRegs.describeCommand(after)
                    + " (TDI " + tdisp + ")");
        }
        int cleared = before & ~after & (PciRegs.COMMAND_MEMORY | PciRegs.COMMAND_MASTER);
        if (cleared != 0 && tdisp.isLocked()) {
            error("MSE/BME cleared");
        }
    }

    private int command() {
        return configRead(PciRegs.COMMAND, 2);
    }

    @Override
    public MmioOutcome hostMmioRead(int bar, long offset, int size) {
        return hostMmio(bar, offset, "read", 0, false);
    }

    @Override
    public MmioOutcome hostMmioWrite(int bar, long offset, int size, long value) {
        return hostMmio(bar, offset, "write", value, true);
    }

    private MmioOutcome hostMmio(int bar, long offset, String what, long value, boolean write) {
        String entry = bdf + " host MMIO " + what + " BAR" + bar + "+0x" + Long.toHexString(offset) + " (TDI " + tdisp
                + ")";
        log.add(entry);
        hostAccesses.add(entry);
        if (tdisp.isLocked()) {
            violations.add("host MMIO reached a " + tdisp + " TDI: " + entry);
            return MmioOutcome.unsupportedRequest();
        }
        if ((command() & PciRegs.COMMAND_MEMORY) == 0 || power != PowerState.D0) {
            return MmioOutcome.unsupportedRequest();
        }
        if (write) {
            register = value;
            return MmioOutcome.completed(0);
        }
        return MmioOutcome.completed(register);
    }

    @Override
    public void functionLevelReset() {
        log.add(bdf + " FLR (TDI " + tdisp + ")");
        resetFunction("FLR");
        for (FakePciFunction vf : vfs) {
            vf.resetFunction("FLR of PF " + bdf);
        }
    }

    private void resetFunction(String why) {
        if (tdisp.isLocked()) {
            error(why);
        }
        for (int i = 0; i < config.length; i++) {
            config[i] = 0;
        }
    }

    @Override
    public PowerState powerState() {
        return power;
    }

    @Override
    public void setPowerState(PowerState state) {
        if (state == power) {
            return;
        }
        log.add(bdf + " power " + power + " -> " + state + " (TDI " + tdisp + ")");
        if (state == PowerState.D3HOT && tdisp.isLocked()) {
            error("D3hot");
        }
        if (state == PowerState.D0) {
            resetFunction("D3hot->D0");
        }
        power = state;
    }

    // ---- TDISP, driven by the fake TSM -------------------------------------------------------------------------

    public TdispState tdispState() {
        return tdisp;
    }

    /** Every TDISP state the TDI has been in, in order. */
    public List<TdispState> tdispHistory() {
        return List.copyOf(history);
    }

    public boolean everInError() {
        return history.contains(TdispState.ERROR);
    }

    /** Non-TEE MMIO that reached this function while its TDI was locked (I1). */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    /** Every host MMIO request that reached the function. */
    public List<String> hostAccesses() {
        return List.copyOf(hostAccesses);
    }

    boolean lock() {
        if (tdisp != TdispState.CONFIG_UNLOCKED) {
            return false;
        }
        move(TdispState.CONFIG_LOCKED, "LOCK_INTERFACE");
        return true;
    }

    boolean start() {
        if (tdisp != TdispState.CONFIG_LOCKED) {
            return false;
        }
        move(TdispState.RUN, "START_INTERFACE");
        return true;
    }

    void stop() {
        move(TdispState.CONFIG_UNLOCKED, "STOP_INTERFACE");
    }

    private void error(String why) {
        move(TdispState.ERROR, why);
    }

    private void move(TdispState to, String why) {
        log.add(bdf + " TDISP " + tdisp + " -> " + to + " (" + why + ")");
        tdisp = to;
        history.add(to);
    }

    /** Hardware state for "a failed call leaves state intact". */
    public String stateSummary() {
        return bdf + " cmd=" + command() + " power=" + power + " tdisp=" + tdisp + " reg=" + register;
    }
}
