package io.teeio.platform.kernel.kvm;

/** {@code struct kvm_create_guest_memfd}. */
public record KvmCreateGuestMemfd(long size, long flags) {
}
