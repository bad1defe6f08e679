package io.teeio.platform.kernel.kvm;

import io.teeio.platform.kernel.KernelFile;

/** A VM fd: the KVM VM ioctls. Closing it tears the VM down; references (a vIOMMU) keep the struct until put. */
public final class VmFd extends KernelFile {
    private final KvmVm vm;

    VmFd(KvmVm vm) {
        super("kvm-vm:" + vm.id());
        this.vm = vm;
    }

    public KvmVm vm() {
        return vm;
    }

    public void kvmSetUserMemoryRegion2(KvmUserspaceMemoryRegion2 region) {
        checkOpen("KVM_SET_USER_MEMORY_REGION2");
        vm.setUserMemoryRegion2(region);
    }

    public GuestMemfd kvmCreateGuestMemfd(KvmCreateGuestMemfd req) {
        checkOpen("KVM_CREATE_GUEST_MEMFD");
        return vm.createGuestMemfd(req);
    }

    public void kvmSetMemoryAttributes(KvmMemoryAttributes attrs) {
        checkOpen("KVM_SET_MEMORY_ATTRIBUTES");
        vm.setMemoryAttributes(attrs);
    }

    /** KVM_SET_DEVICE_ATTR on the kvm-vfio device, KVM_DEV_VFIO_FILE_ADD. */
    public void kvmDevVfioFileAdd(KvmVfioFile file) {
        checkOpen("KVM_DEV_VFIO_FILE_ADD");
        vm.vfioFileAdd(file);
    }

    /** KVM_DEV_VFIO_FILE_DEL. */
    public void kvmDevVfioFileDel(KvmVfioFile file) {
        checkOpen("KVM_DEV_VFIO_FILE_DEL");
        vm.vfioFileDel(file);
    }

    /** A vCPU access that needs a stage-2 mapping (what KVM_RUN does on an EPT/NPT violation). */
    public KvmFaultOutcome fault(KvmPageFault fault) {
        checkOpen("KVM_RUN");
        return vm.fault(fault);
    }

    @Override
    protected void release() {
        vm.teardown();
    }
}
