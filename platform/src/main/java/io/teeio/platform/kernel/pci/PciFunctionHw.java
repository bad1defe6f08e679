package io.teeio.platform.kernel.pci;

import io.teeio.platform.kernel.Bdf;
import java.util.List;
import java.util.Optional;

/**
 * Seam: what the host kernel sees of one PCI function in hardware. The emulated device implements it (through an
 * adapter); tests use a fake. Every call is a hardware transaction: a config cycle, a non-TEE MMIO request from
 * the host, a reset or a power-state change. The function's TDISP state is not visible here: the kernel learns it
 * only from the TSM.
 */
public interface PciFunctionHw {
    /** Its address; the routing (requester) id is {@code bdf().routingId()}. */
    Bdf bdf();

    int vendorId();

    int deviceId();

    /** An SR-IOV virtual function. */
    boolean isVirtualFunction();

    /** For a VF, the PF it belongs to. */
    Optional<Bdf> physicalFunction();

    /** Has a DOE mailbox supporting CMA/SPDM (PCI-SIG data object type 1). */
    boolean hasCmaDoe();

    /** Has the IDE extended capability. */
    boolean hasIde();

    /** DEVCAP "TEE-IO supported" bit. */
    boolean hasTee();

    /** Implemented memory BARs with their assigned host physical addresses. */
    List<BarInfo> bars();

    /** A config read of 1, 2 or 4 bytes. */
    int configRead(int offset, int size);

    /** A config write of 1, 2 or 4 bytes (e.g. the Command register: MSE, BME). */
    void configWrite(int offset, int size, int value);

    /** A host (non-TEE, T=0) memory read of 1, 2, 4 or 8 bytes at {@code offset} in {@code bar}. */
    MmioOutcome hostMmioRead(int bar, long offset, int size);

    /** A host (non-TEE, T=0) memory write. */
    MmioOutcome hostMmioWrite(int bar, long offset, int size, long value);

    /** Function Level Reset (for a PF, also resets its VFs). */
    void functionLevelReset();

    PowerState powerState();

    void setPowerState(PowerState state);
}
