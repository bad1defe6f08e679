package io.teeio.platform.machine;

import io.teeio.pcie.tdisp.TdiState;
import io.teeio.platform.device.FunctionRef;
import io.teeio.platform.device.MmioRequest;
import io.teeio.platform.device.PciFunction;
import io.teeio.platform.dsm.EmulatedDevice;
import io.teeio.platform.kernel.Bdf;
import io.teeio.platform.kernel.pci.BarInfo;
import io.teeio.platform.kernel.pci.MmioOutcome;
import io.teeio.platform.kernel.pci.PciFunctionHw;
import io.teeio.platform.kernel.pci.PowerState;
import io.teeio.platform.pci.BarSpec;
import io.teeio.platform.pci.PciRegs;
import io.teeio.platform.pci.RoutingId;
import io.teeio.spdm.codec.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The kernel's view of one function of the emulated device: config space, BARs, host (non-TEE) MMIO through
 * the root port, FLR and power state. Entering D3hot is a security-relevant change for a locked TDI.
 */
public final class DeviceFunctionHw implements PciFunctionHw {
    private final EmulatedDevice device;
    private final FunctionRef ref;
    private PowerState power = PowerState.D0;

    public DeviceFunctionHw(EmulatedDevice device, FunctionRef ref) {
        this.device = device;
        this.ref = ref;
    }

    private PciFunction fn() {
        return device.endpoint().function(ref).orElseThrow(() -> new IllegalStateException(ref + " is gone"));
    }

    public static Bdf bdfOf(RoutingId rid) {
        return Bdf.of(rid.bus(), rid.device(), rid.function());
    }

    public static RoutingId routingIdOf(Bdf bdf) {
        return RoutingId.of(bdf.bus(), bdf.device(), bdf.function());
    }

    public FunctionRef ref() {
        return ref;
    }

    @Override
    public Bdf bdf() {
        return bdfOf(fn().routingId());
    }

    @Override
    public int vendorId() {
        return fn().read(PciRegs.VENDOR_ID, 2);
    }

    @Override
    public int deviceId() {
        return fn().read(PciRegs.DEVICE_ID, 2);
    }

    @Override
    public boolean isVirtualFunction() {
        return !ref.isPf();
    }

    @Override
    public Optional<Bdf> physicalFunction() {
        return ref.isPf() ? Optional.empty() : Optional.of(bdfOf(device.endpoint().pf().routingId()));
    }

    @Override
    public boolean hasCmaDoe() {
        return ref.isPf();
    }

    @Override
    public boolean hasIde() {
        return ref.isPf();
    }

    @Override
    public boolean hasTee() {
        return true;
    }

    @Override
    public List<BarInfo> bars() {
        List<BarInfo> out = new ArrayList<>();
        PciFunction f = fn();
        for (BarSpec b : f.bars()) {
            f.barAddress(b.index()).ifPresent(a -> out.add(new BarInfo(b.index(), a, b.size(), b.is64Bit(),
                    b.prefetchable())));
        }
        return out;
    }

    @Override
    public int configRead(int offset, int size) {
        return fn().read(offset, size);
    }

    @Override
    public void configWrite(int offset, int size, int value) {
        fn().write(offset, size, value);
    }

    private long address(int bar, long offset) {
        return fn().barAddress(bar).orElseThrow(() -> new IllegalArgumentException("BAR " + bar + " is not assigned"))
                + offset;
    }

    @Override
    public MmioOutcome hostMmioRead(int bar, long offset, int size) {
        if (power == PowerState.D3HOT) {
            return MmioOutcome.unsupportedRequest();
        }
        var o = device.mmio(MmioRequest.read(address(bar, offset), size, false));
        if (!o.served()) {
            return outcomeOf(o);
        }
        long v = 0;
        byte[] d = o.data().toByteArray();
        for (int i = d.length - 1; i >= 0; i--) {
            v = v << 8 | (d[i] & 0xFF);
        }
        return MmioOutcome.completed(v);
    }

    @Override
    public MmioOutcome hostMmioWrite(int bar, long offset, int size, long value) {
        if (power == PowerState.D3HOT) {
            return MmioOutcome.unsupportedRequest();
        }
        byte[] d = new byte[size];
        for (int i = 0; i < size; i++) {
            d[i] = (byte) (value >>> (8 * i));
        }
        var o = device.mmio(MmioRequest.write(address(bar, offset), Bytes.of(d), false));
        return o.served() ? MmioOutcome.completed(0) : outcomeOf(o);
    }

    private static MmioOutcome outcomeOf(io.teeio.platform.device.MmioOutcome o) {
        return switch (o.status()) {
            case COMPLETER_ABORT -> new MmioOutcome(MmioOutcome.Status.COMPLETER_ABORT, 0);
            default -> MmioOutcome.unsupportedRequest();
        };
    }

    @Override
    public void functionLevelReset() {
        PciFunction f = fn();
        int pcie = io.teeio.platform.pci.CapabilityWalker.findCapability(f, PciRegs.CAP_ID_EXP);
        int devctl = pcie + PciRegs.EXP_DEVCTL;
        f.write(devctl, 2, f.read(devctl, 2) | PciRegs.EXP_DEVCTL_BCR_FLR);
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
        if (state == PowerState.D3HOT) {
            TdiState s = device.tdiState(ref);
            if (s == TdiState.CONFIG_LOCKED || s == TdiState.RUN) {
                device.tdi(ref).configurationChanged("function entered D3hot");
            }
        }
        power = state;
    }
}
