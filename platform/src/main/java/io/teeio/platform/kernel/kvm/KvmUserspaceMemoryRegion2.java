package io.teeio.platform.kernel.kvm;

import io.teeio.platform.kernel.KernelFile;

/**
 * {@code struct kvm_userspace_memory_region2}. {@code fd} is the guest_memfd for KVM_MEM_GUEST_MEMFD, or (the
 * RFC's patch 7) a vfio dma-buf for KVM_MEM_VFIO_DMABUF, which must then start at offset 0 and cover the buffer.
 * A memory_size of 0 deletes the slot.
 */
public record KvmUserspaceMemoryRegion2(int slot, int flags, long guestPhysAddr, long memorySize,
        long userspaceAddr, KernelFile fd, long fdOffset) {
    public static final int KVM_MEM_READONLY = 1 << 1;
    public static final int KVM_MEM_GUEST_MEMFD = 1 << 2;
    public static final int KVM_MEM_VFIO_DMABUF = 1 << 3;

    /** Ordinary (shared) memory backed by the VMM's address space. */
    public static KvmUserspaceMemoryRegion2 shared(int slot, long gpa, long size, long hva) {
        return new KvmUserspaceMemoryRegion2(slot, 0, gpa, size, hva, null, 0);
    }

    /** Memory that can be private: guest_memfd for private pages, {@code hva} for shared ones. */
    public static KvmUserspaceMemoryRegion2 guestMemfd(int slot, long gpa, long size, long hva, KernelFile gmem,
            long offset) {
        return new KvmUserspaceMemoryRegion2(slot, KVM_MEM_GUEST_MEMFD, gpa, size, hva, gmem, offset);
    }

    /** Device MMIO imported from a vfio dma-buf. */
    public static KvmUserspaceMemoryRegion2 vfioDmabuf(int slot, long gpa, long size, KernelFile dmabuf) {
        return new KvmUserspaceMemoryRegion2(slot, KVM_MEM_VFIO_DMABUF, gpa, size, 0, dmabuf, 0);
    }

    public static KvmUserspaceMemoryRegion2 delete(int slot) {
        return new KvmUserspaceMemoryRegion2(slot, 0, 0, 0, 0, null, 0);
    }
}
