package io.teeio.platform.kernel.kvm;

import io.teeio.platform.kernel.Errno;
import io.teeio.platform.kernel.KernelTrace;
import io.teeio.platform.kernel.VmId;
import java.util.ArrayList;
import java.util.List;

/** /dev/kvm: creates VMs and keeps every VM (destroyed ones included) for snapshots and leak checks. */
public final class Kvm {
    private final KernelTrace trace;
    private final List<KvmVm> vms = new ArrayList<>();

    public Kvm(KernelTrace trace) {
        this.trace = trace;
    }

    /** KVM_CREATE_VM. */
    public VmFd kvmCreateVm(KvmCreateVm req) {
        if (req == null || req.type() == null) {
            throw trace.fail("kvm", Errno.EINVAL, "KVM_CREATE_VM", "no machine type");
        }
        KvmVm vm = new KvmVm(new VmId(vms.size() + 1), req.type(), trace);
        vms.add(vm);
        trace.transition("kvm " + vm.id(), "KVM_CREATE_VM", req.type().toString(), "absent", VmState.LIVE);
        return new VmFd(vm);
    }

    public List<KvmVm> vms() {
        return List.copyOf(vms);
    }

    public KvmSnapshot snapshot() {
        return new KvmSnapshot(vms.stream().map(KvmVm::snapshot).toList());
    }
}
