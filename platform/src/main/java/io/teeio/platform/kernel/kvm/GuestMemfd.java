package io.teeio.platform.kernel.kvm;

import io.teeio.platform.kernel.KernelFile;

/** A guest_memfd: private memory of one VM, never mapped into the host. */
public final class GuestMemfd extends KernelFile {
    private final KvmVm vm;
    private final long size;

    GuestMemfd(String name, KvmVm vm, long size) {
        super(name);
        this.vm = vm;
        this.size = size;
    }

    public KvmVm vm() {
        return vm;
    }

    public long size() {
        return size;
    }

    @Override
    protected void release() {
        vm.guestMemfdReleased(this);
    }
}
