package io.teeio.platform.kernel.kvm;

/** KVM_CREATE_VM's argument. */
public record KvmCreateVm(VmType type) {
}
