/**
 * KVM: VMs with shared and guest_memfd private memory, memslots (including the RFC's dma-buf MMIO slots),
 * attributes, faults, the kvm-vfio association, and VM teardown that unbinds what is bound to the VM.
 */
package io.teeio.platform.kernel.kvm;
