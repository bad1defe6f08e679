package io.teeio.platform.kernel.host;

import io.teeio.platform.kernel.HostPolicies;
import io.teeio.platform.kernel.IommuDma;
import io.teeio.platform.kernel.KernelTrace;
import io.teeio.platform.kernel.iommufd.Iommufd;
import io.teeio.platform.kernel.iommufd.IommufdSnapshot;
import io.teeio.platform.kernel.kvm.Kvm;
import io.teeio.platform.kernel.kvm.KvmSnapshot;
import io.teeio.platform.kernel.kvm.VmState;
import io.teeio.platform.kernel.pci.DevMem;
import io.teeio.platform.kernel.pci.PciCore;
import io.teeio.platform.kernel.pci.SysfsResource;
import io.teeio.platform.kernel.pcitsm.PciTsmCore;
import io.teeio.platform.kernel.vfio.VfioPci;
import io.teeio.platform.kernel.vfio.VfioSnapshot;
import io.teeio.trace.Tracer;
import java.util.ArrayList;
import java.util.List;

/**
 * One host's kernel: PCI core, PCI/TSM core, KVM, iommufd and vfio-pci wired together under the host's policies.
 * Functions are added with {@code pci().add(hw)}, TSMs with {@code pciTsm().register(ops)}. Its whole state is
 * one immutable, comparable {@link HostKernelSnapshot}.
 */
public final class HostKernel {
    private final HostPolicies policies;
    private final KernelTrace trace;
    private final PciCore pci;
    private final PciTsmCore pciTsm;
    private final Kvm kvm;
    private final Iommufd iommufd;
    private final VfioPci vfioPci;
    private final DevMem devMem;
    private final SysfsResource sysfs;

    public HostKernel(HostPolicies policies, Tracer tracer) {
        this.policies = policies;
        this.trace = new KernelTrace(tracer);
        this.pci = new PciCore(trace);
        this.pciTsm = new PciTsmCore(pci, trace);
        this.kvm = new Kvm(trace);
        this.iommufd = new Iommufd(pciTsm, policies.regions(), trace);
        this.vfioPci = new VfioPci(pci, pciTsm, policies, trace);
        this.devMem = new DevMem(pci);
        this.sysfs = new SysfsResource(pci);
        pci.registerDriver(vfioPci);
        trace.event("kernel", "boot", "policies " + policies);
    }

    public HostPolicies policies() {
        return policies;
    }

    public PciCore pci() {
        return pci;
    }

    public PciTsmCore pciTsm() {
        return pciTsm;
    }

    public Kvm kvm() {
        return kvm;
    }

    public Iommufd iommufd() {
        return iommufd;
    }

    /** The DMA check the device model calls. */
    public IommuDma iommu() {
        return iommufd.iommu();
    }

    public VfioPci vfioPci() {
        return vfioPci;
    }

    public DevMem devMem() {
        return devMem;
    }

    public SysfsResource sysfsResource() {
        return sysfs;
    }

    public HostKernelSnapshot snapshot() {
        return new HostKernelSnapshot(policies, pci.snapshot(), pciTsm.snapshot(), kvm.snapshot(),
                iommufd.snapshot(), vfioPci.snapshot());
    }

    /**
     * What is still held although every fd was closed: open or unreleased files, live iommufd objects, VMs not
     * destroyed, bound TDIs, trusted DMA, VFIO region claims, held locks. Empty after a clean teardown.
     */
    public List<String> leaks() {
        HostKernelSnapshot s = snapshot();
        List<String> out = new ArrayList<>();
        for (IommufdSnapshot.Ctx c : s.iommufd().contexts()) {
            if (c.refs() > 0) {
                out.add(c.name() + " not released (" + c.refs() + " reference(s))");
            }
            c.objects().forEach(o -> out.add(c.name() + " object " + o.id() + " " + o.type() + ": " + o.detail()));
        }
        s.iommufd().trustedDma().forEach(t -> out.add("trusted DMA still on: " + t));
        for (KvmSnapshot.Vm vm : s.kvm().vms()) {
            if (vm.state() != VmState.DESTROYED) {
                out.add(vm.id() + " is " + vm.state() + " with " + vm.users() + " user(s)");
            }
        }
        s.pciTsm().boundTdis().forEach(t -> out.add("TDI still bound: " + t));
        for (VfioSnapshot.Device d : s.vfio().devices()) {
            if (d.open()) {
                out.add(d.cdev() + " still open");
            }
            d.dmabufs().forEach(b -> out.add(b.name() + " still alive (" + b.refs() + " ref(s))"));
            if (d.devSetLockHeld()) {
                out.add("dev_set lock of " + d.bdf() + " held");
            }
        }
        s.pci().claims().stream().filter(c -> c.owner().startsWith("vfio"))
                .forEach(c -> out.add("region still claimed: " + c));
        return out;
    }
}
