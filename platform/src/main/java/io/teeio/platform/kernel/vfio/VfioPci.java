package io.teeio.platform.kernel.vfio;

import io.teeio.platform.kernel.Bdf;
import io.teeio.platform.kernel.Errno;
import io.teeio.platform.kernel.HostPolicies;
import io.teeio.platform.kernel.KernelException;
import io.teeio.platform.kernel.KernelTrace;
import io.teeio.platform.kernel.pci.PciCore;
import io.teeio.platform.kernel.pci.PciDev;
import io.teeio.platform.kernel.pci.PciDriver;
import io.teeio.platform.kernel.pcitsm.PciTsmCore;
import io.teeio.platform.kernel.pcitsm.PciTsmDriverHook;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** The vfio-pci driver: one {@link VfioPciCoreDevice} and cdev per function it is bound to. */
public final class VfioPci implements PciDriver, PciTsmDriverHook {
    public static final String NAME = "vfio-pci";

    private final PciCore pci;
    private final PciTsmCore pciTsm;
    private final HostPolicies policies;
    private final KernelTrace trace;
    private final TreeMap<Bdf, VfioPciCoreDevice> devices = new TreeMap<>();
    private int nextCdev;

    public VfioPci(PciCore pci, PciTsmCore pciTsm, HostPolicies policies, KernelTrace trace) {
        this.pci = pci;
        this.pciTsm = pciTsm;
        this.policies = policies;
        this.trace = trace;
    }

    @Override
    public String name() {
        return NAME;
    }

    public HostPolicies policies() {
        return policies;
    }

    @Override
    public void probe(PciDev pdev) {
        VfioPciCoreDevice dev = new VfioPciCoreDevice(pdev, pci, pciTsm, policies, trace,
                "/dev/vfio/devices/vfio" + nextCdev++);
        devices.put(pdev.bdf(), dev);
        trace.event(dev.actor(), "probe", dev.cdev() + " [" + policies + "]");
    }

    /** Unbinding vfio-pci waits for the device fd in Linux; the model refuses instead. */
    @Override
    public void remove(PciDev pdev) {
        VfioPciCoreDevice dev = devices.get(pdev.bdf());
        if (dev.isOpen()) {
            throw new KernelException(Errno.EBUSY, "vfio_pci_remove", dev.cdev() + " is still open");
        }
        devices.remove(pdev.bdf());
    }

    @Override
    public void tsmUnbindRequested(PciDev pdev, String why) {
        Optional.ofNullable(devices.get(pdev.bdf())).ifPresent(d -> d.tsmUnbind(why));
    }

    /** open("/dev/vfio/devices/vfioN") for the function: ENOENT if vfio-pci is not bound to it, EBUSY if open. */
    public VfioDeviceFd open(Bdf bdf) {
        VfioPciCoreDevice dev = devices.get(bdf);
        if (dev == null) {
            throw trace.fail(NAME, Errno.ENOENT, "open vfio cdev", "vfio-pci is not bound to " + bdf);
        }
        return dev.open();
    }

    public VfioPciCoreDevice device(Bdf bdf) {
        VfioPciCoreDevice dev = devices.get(bdf);
        if (dev == null) {
            throw new KernelException(Errno.ENODEV, "vfio-pci", "not bound to " + bdf);
        }
        return dev;
    }

    public List<VfioPciCoreDevice> devices() {
        return List.copyOf(devices.values());
    }

    public VfioSnapshot snapshot() {
        return new VfioSnapshot(devices.values().stream().map(VfioPciCoreDevice::snapshot).toList());
    }
}
