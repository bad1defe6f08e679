package io.teeio.platform.machine;

import io.teeio.platform.device.MmioOutcome;
import io.teeio.platform.guest.GuestException;
import io.teeio.platform.guest.GuestHostInterface;
import io.teeio.platform.kernel.KernelException;
import io.teeio.platform.vmm.Vmm;
import io.teeio.spdm.codec.Bytes;

/** The guest's hypercalls served by its VMM, and its TEE accesses carried by the machine. */
final class VmmGuestHost implements GuestHostInterface {
    private final TeeIoMachine machine;
    private final Vmm vmm;
    private final GuestMemory memory;

    VmmGuestHost(TeeIoMachine machine, Vmm vmm, GuestMemory memory) {
        this.machine = machine;
        this.vmm = vmm;
        this.memory = memory;
    }

    @Override
    public void requestLock() throws GuestException {
        try {
            vmm.tsmBind();
        } catch (KernelException e) {
            throw new GuestException("lock", "the host could not bind the TDI: " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] guestRequest(int scope, byte[] request) throws GuestException {
        try {
            return vmm.guestRequest(scope, request, 0x10000);
        } catch (KernelException e) {
            throw new GuestException("guest request", e.getMessage(), e);
        }
    }

    @Override
    public void requestUnlock() throws GuestException {
        try {
            vmm.tsmUnbind();
        } catch (KernelException e) {
            throw new GuestException("unlock", "the host could not unbind the TDI: " + e.getMessage(), e);
        }
    }

    @Override
    public void enableDevice() throws GuestException {
        try {
            vmm.enableDevice();
        } catch (KernelException e) {
            throw new GuestException("enable device", e.getMessage(), e);
        }
    }

    @Override
    public void mapPrivateMmio() throws GuestException {
        try {
            vmm.mapPrivateMmio();
        } catch (KernelException e) {
            throw new GuestException("map private MMIO", e.getMessage(), e);
        }
    }

    @Override
    public MmioOutcome privateMmio(long offset, int length, boolean write, Bytes data) throws GuestException {
        try {
            return machine.cvmPrivateMmio(vmm, offset, length, write, data);
        } catch (KernelException e) {
            throw new GuestException("private MMIO", e.getMessage(), e);
        }
    }

    @Override
    public Bytes readPrivateMemory(long gpa, int length) {
        return memory.read(gpa, length);
    }

    @Override
    public long privateMemoryEnd() {
        return memory.privateEnd();
    }
}
