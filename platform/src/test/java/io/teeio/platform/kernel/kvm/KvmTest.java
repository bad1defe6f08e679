package io.teeio.platform.kernel.kvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.platform.kernel.Errno;
import io.teeio.platform.kernel.testing.TestHost;
import org.junit.jupiter.api.Test;

/** KVM VMs: memslots, guest_memfd private memory, attributes and faults. */
class KvmTest {
    private static final long HVA = 0x7000_0000_0000L;
    private final TestHost host = TestHost.defaults();
    private final VmFd cvm = host.kernel.kvm().kvmCreateVm(new KvmCreateVm(VmType.CVM));

    private void withMemory() {
        GuestMemfd g = cvm.kvmCreateGuestMemfd(new KvmCreateGuestMemfd(0x10_0000, 0));
        cvm.kvmSetUserMemoryRegion2(KvmUserspaceMemoryRegion2.guestMemfd(0, 0, 0x10_0000, HVA, g, 0));
        cvm.kvmSetMemoryAttributes(KvmMemoryAttributes.makePrivate(0, 0x8_0000));
    }

    @Test
    void guestMemfdNeedsAConfidentialVmEinval() {
        VmFd plain = host.kernel.kvm().kvmCreateVm(new KvmCreateVm(VmType.DEFAULT));
        host.assertFailsIntact(Errno.EINVAL, () -> plain.kvmCreateGuestMemfd(new KvmCreateGuestMemfd(0x1000, 0)));
    }

    @Test
    void overlappingMemslotsAreEexist() {
        withMemory();
        host.assertFailsIntact(Errno.EEXIST, () -> cvm.kvmSetUserMemoryRegion2(
                KvmUserspaceMemoryRegion2.shared(1, 0x8_0000, 0x10_0000, HVA)));
    }

    @Test
    void aPrivateAccessToAPrivatePageMapsGuestMemfdMemory() {
        withMemory();
        assertEquals(KvmFaultOutcome.Kind.MAPPED_PRIVATE_MEMORY, cvm.fault(new KvmPageFault(0x1000, true, true)).kind());
        assertTrue(cvm.vm().isPrivateMemory(0x1000));
    }

    @Test
    void aSharedAccessToAPrivatePageIsAMemoryFaultExit() {
        withMemory();
        assertEquals(KvmFaultOutcome.Kind.MEMORY_FAULT_EXIT, cvm.fault(new KvmPageFault(0x1000, false, false)).kind());
    }

    @Test
    void aSharedAccessToASharedPageMapsTheVmmsMemory() {
        withMemory();
        KvmFaultOutcome o = cvm.fault(new KvmPageFault(0x9_0000, false, false));
        assertEquals(KvmFaultOutcome.Kind.MAPPED_SHARED_MEMORY, o.kind());
        assertTrue(o.detail().contains(Long.toHexString(HVA + 0x9_0000)), o.detail());
    }

    @Test
    void anAccessOutsideEveryMemslotIsAnMmioExit() {
        withMemory();
        assertEquals(KvmFaultOutcome.Kind.MMIO_EXIT, cvm.fault(new KvmPageFault(0x4000_0000L, false, false)).kind());
    }

    @Test
    void convertingAPageZapsItsMapping() {
        withMemory();
        cvm.fault(new KvmPageFault(0x1000, true, false));
        cvm.kvmSetMemoryAttributes(KvmMemoryAttributes.makeShared(0, 0x2000));
        assertTrue(cvm.vm().sptes().isEmpty());
        assertEquals(KvmFaultOutcome.Kind.MAPPED_SHARED_MEMORY, cvm.fault(new KvmPageFault(0x1000, false, false)).kind());
    }

    @Test
    void unalignedMemslotsAreEinval() {
        host.assertFailsIntact(Errno.EINVAL, () -> cvm.kvmSetUserMemoryRegion2(
                KvmUserspaceMemoryRegion2.shared(0, 0x800, 0x1000, HVA)));
    }

    @Test
    void closingTheVmFdDestroysItWhenNothingElseHoldsIt() {
        withMemory();
        cvm.close();
        assertEquals(VmState.DESTROYED, cvm.vm().state());
        assertTrue(host.kernel.leaks().isEmpty(), host.kernel.leaks().toString());
    }

    @Test
    void aClosedVmFdIsEbadf() {
        cvm.close();
        assertEquals(Errno.EBADF, org.junit.jupiter.api.Assertions.assertThrows(
                io.teeio.platform.kernel.KernelException.class,
                () -> cvm.kvmSetMemoryAttributes(KvmMemoryAttributes.makePrivate(0, 0x1000))).errno());
    }
}
