package io.teeio.platform.kernel.iommufd;

import io.teeio.platform.kernel.Errno;
import io.teeio.platform.kernel.KernelException;
import io.teeio.platform.kernel.kvm.KvmVm;
import io.teeio.platform.kernel.pci.PciDev;
import java.util.Optional;

/**
 * An iommufd device object (idev): a PCI function bound to a context by its driver (vfio-pci). It carries the
 * VM the driver knew at bind (RFC patch 12), its HWPT attachment, at most one vDEVICE, and the iommufd half of
 * TSM bind/unbind.
 */
public final class IommufdDevice extends IommufdObject {
    private final PciDev pdev;
    private final IommufdDeviceOwner owner;
    private final KvmVm kvm;
    private HwptPaging hwpt;
    private Vdevice vdevice;
    private Vdevice bound;

    IommufdDevice(IommufdCtx ctx, PciDev pdev, IommufdDeviceOwner owner, KvmVm kvm) {
        super(ctx);
        this.pdev = pdev;
        this.owner = owner;
        this.kvm = kvm;
    }

    public PciDev pdev() {
        return pdev;
    }

    public IommufdDeviceOwner owner() {
        return owner;
    }

    public Optional<KvmVm> kvm() {
        return Optional.ofNullable(kvm);
    }

    public Optional<HwptPaging> hwpt() {
        return Optional.ofNullable(hwpt);
    }

    public Optional<Vdevice> vdevice() {
        return Optional.ofNullable(vdevice);
    }

    /** The vDEVICE the TDI is bound through, if bound. */
    public Optional<Vdevice> tsmBoundVdevice() {
        return Optional.ofNullable(bound);
    }

    void setVdevice(Vdevice v) {
        vdevice = v;
    }

    /** iommufd_device_attach()/replace(): to an IOAS (through an auto HWPT) or an explicit HWPT; returns the HWPT id. */
    public int attach(int ptId, String call) {
        IommufdObject pt = ctx().lookup(ptId, call);
        if (vdevice != null) {
            throw ctx().fail(Errno.EBUSY, call, "dev " + id() + " has vDEVICE " + vdevice.id() + "; cannot change its HWPT");
        }
        HwptPaging target;
        if (pt instanceof Ioas ioas) {
            target = ctx().newAutoHwpt(ioas);
        } else if (pt instanceof HwptPaging h) {
            target = h;
        } else {
            throw ctx().fail(Errno.EINVAL, call, "pt_id " + ptId + " is a " + pt.type() + ", not an IOAS or HWPT");
        }
        HwptPaging old = hwpt;
        target.addUser();
        hwpt = target;
        if (old != null) {
            releaseHwpt(old);
        }
        ctx().trace().transition(IommufdCtx.ACTOR, pdev.actor(), call, "dev " + id(),
                old == null ? "detached" : "hwpt " + old.id(), "hwpt " + target.id());
        return target.id();
    }

    /** iommufd_device_detach(). */
    public void detach(String call) {
        if (hwpt == null) {
            return;
        }
        if (vdevice != null) {
            throw ctx().fail(Errno.EBUSY, call, "dev " + id() + " has vDEVICE " + vdevice.id());
        }
        HwptPaging old = hwpt;
        hwpt = null;
        releaseHwpt(old);
        ctx().trace().transition(IommufdCtx.ACTOR, pdev.actor(), call, "dev " + id(), "hwpt " + old.id(), "detached");
    }

    private void releaseHwpt(HwptPaging h) {
        h.dropUser();
        if (h.autoDomain() && h.users() == 0) {
            ctx().destroyObject(h, "auto domain no longer attached");
        }
    }

    /**
     * The iommufd half of TSM bind (RFC patch 17): take references on the vDEVICE and the idev, enable trusted
     * DMA, then pci_tsm_bind() with the vDEVICE's virtual id. Undone in reverse on failure. The caller has checked
     * that the vDEVICE is this device's and its vIOMMU has a live VM.
     */
    public void tsmBindCore(Vdevice v, String call) {
        if (v.idev() != this || bound != null) {
            throw new IllegalStateException("tsmBindCore preconditions not checked by the caller");
        }
        KvmVm vm = v.viommu().liveKvm().orElseThrow(() -> new IllegalStateException("no live kvm"));
        v.addUser();
        addUser();
        Iommu iommu = ctx().iommufd().iommu();
        iommu.enableTrustedDma(pdev, vm);
        try {
            ctx().iommufd().pciTsm().bind(pdev, vm.id(), (int) v.virtId());
        } catch (KernelException e) {
            iommu.disableTrustedDma(pdev);
            dropUser();
            v.dropUser();
            throw e.as(call);
        }
        v.setTsmBound(true);
        bound = v;
        ctx().trace().transition(IommufdCtx.ACTOR, pdev.actor(), "iommufd_device_tsm_bind", "vDEVICE " + v.id()
                + " of " + vm.id(), "unbound", "bound");
    }

    /**
     * The iommufd half of TSM unbind, in the order the TSMs require: pci_tsm_unbind() (STOP), then the caller's
     * private-MMIO unmap, then trusted DMA off, then the references go.
     */
    public void tsmUnbindCore(Runnable unmapPrivateMmio) {
        if (bound == null) {
            return;
        }
        ctx().iommufd().pciTsm().unbind(pdev);
        unmapPrivateMmio.run();
        ctx().iommufd().iommu().disableTrustedDma(pdev);
        Vdevice v = bound;
        bound = null;
        v.setTsmBound(false);
        v.dropUser();
        dropUser();
        ctx().trace().transition(IommufdCtx.ACTOR, pdev.actor(), "iommufd_device_tsm_unbind", "vDEVICE " + v.id(),
                "bound", "unbound");
    }

    /**
     * iommufd_device_unbind(), called by the owning driver at close: the idev's vDEVICE goes first (unbinding it if
     * it is still bound), then the attachment, then the idev, then the driver's reference on the context.
     */
    public void unbind() {
        if (vdevice != null) {
            if (vdevice.tsmBound()) {
                tsmUnbindCore(() -> { });
            }
            ctx().destroyObject(vdevice, "its device is unbound");
        }
        detach("iommufd_device_unbind");
        ctx().removeDevice(this);
    }

    @Override
    public ObjectType type() {
        return ObjectType.DEVICE;
    }

    @Override
    public String detail() {
        return pdev.bdf() + " owner " + owner.name() + " kvm " + (kvm == null ? "none" : kvm.id().toString())
                + (hwpt == null ? "" : " hwpt " + hwpt.id()) + (bound == null ? "" : " TSM-bound");
    }
}
