package io.teeio.platform.kernel.iommufd;

import io.teeio.platform.kernel.kvm.KvmVm;
import io.teeio.platform.kernel.kvm.VmTeardownListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A vIOMMU over a nest-parent HWPT. It holds a reference on the VM (kvm_get_kvm_safe, RFC patch 16) and, when
 * that VM is torn down, unbinds every TDI bound through its vDEVICEs.
 */
public final class Viommu extends IommufdObject implements VmTeardownListener {
    private final HwptPaging hwpt;
    private final KvmVm kvm;
    private final List<Vdevice> vdevices = new ArrayList<>();

    Viommu(IommufdCtx ctx, HwptPaging hwpt, KvmVm kvm) {
        super(ctx);
        this.hwpt = hwpt;
        this.kvm = kvm;
    }

    public HwptPaging hwpt() {
        return hwpt;
    }

    /** The VM it holds, if the device had one when it was allocated. */
    public Optional<KvmVm> kvm() {
        return Optional.ofNullable(kvm);
    }

    /** The VM, if it is still live (not being torn down). */
    public Optional<KvmVm> liveKvm() {
        return kvm().filter(KvmVm::isLive);
    }

    void addVdevice(Vdevice v) {
        vdevices.add(v);
    }

    void removeVdevice(Vdevice v) {
        vdevices.remove(v);
    }

    @Override
    public void vmTeardown(KvmVm vm) {
        for (Vdevice v : List.copyOf(vdevices)) {
            if (v.tsmBound()) {
                v.idev().owner().tsmUnbind("VM teardown of " + vm.id());
            }
        }
    }

    @Override
    public ObjectType type() {
        return ObjectType.VIOMMU;
    }

    @Override
    public String detail() {
        return "hwpt " + hwpt.id() + " kvm " + (kvm == null ? "none" : kvm.id() + " (" + kvm.state() + ")");
    }
}
