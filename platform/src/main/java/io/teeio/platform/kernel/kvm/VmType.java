package io.teeio.platform.kernel.kvm;

/** KVM_CREATE_VM machine type: an ordinary VM, or a confidential VM with private (guest_memfd) memory. */
public enum VmType {
    DEFAULT,
    CVM
}
