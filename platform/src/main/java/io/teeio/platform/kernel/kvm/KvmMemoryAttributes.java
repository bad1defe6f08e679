package io.teeio.platform.kernel.kvm;

/** {@code struct kvm_memory_attributes}: KVM_SET_MEMORY_ATTRIBUTES over [address, address + size). */
public record KvmMemoryAttributes(long address, long size, long attributes, long flags) {
    public static final long KVM_MEMORY_ATTRIBUTE_PRIVATE = 1L << 3;

    public static KvmMemoryAttributes makePrivate(long address, long size) {
        return new KvmMemoryAttributes(address, size, KVM_MEMORY_ATTRIBUTE_PRIVATE, 0);
    }

    public static KvmMemoryAttributes makeShared(long address, long size) {
        return new KvmMemoryAttributes(address, size, 0, 0);
    }
}
