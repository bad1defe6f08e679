package io.teeio.platform.kernel.pcitsm;

import io.teeio.platform.kernel.KernelException;
import io.teeio.platform.kernel.TdispState;
import io.teeio.platform.kernel.VmId;
import io.teeio.platform.kernel.pci.PciDev;

/**
 * Seam: what a platform TSM driver offers the PCI/TSM core, shaped like the link ops of Linux
 * {@code struct pci_tsm_ops} (HOST-STACK.md §2.1). The platform TSM firmware implements it through an adapter;
 * tests use a fake. Failures are {@link KernelException}s carrying the errno the driver would return.
 */
public interface PciTsmLinkOps {
    /**
     * Set up the TSM's context for {@code pdev}: the DSM (function 0) before connect, then each dependent
     * function (other PFs, VFs) after it. Throw to refuse the function.
     */
    void probe(TsmDev tsm, PciDev pdev);

    /** Drop the context made by {@link #probe}; never fails. */
    void remove(PciDev pdev);

    /** Establish the link for the DSM: SPDM session over CMA/DOE, then IDE. */
    void connect(PciDev dsm);

    /** Tear the link down (stop IDE, end the SPDM session); never fails. */
    void disconnect(PciDev dsm);

    /**
     * Bind the function's TDI for {@code kvm} under {@code tdiId} (the guest's virtual BDF): LOCK_INTERFACE, so
     * the TDI ends CONFIG_LOCKED (or RUN, for a TSM that starts it itself).
     */
    PciTdi bind(PciDev pdev, VmId kvm, int tdiId);

    /** STOP_INTERFACE and free the TDI: it ends CONFIG_UNLOCKED. Never fails. */
    void unbind(PciTdi tdi);

    /**
     * Relay a guest request (TDISP report, START_INTERFACE, ...) limited to {@code scope}; the response must
     * fit in {@code responseCapacity} bytes.
     */
    TsmGuestResponse guestReq(PciTdi tdi, PciTsmReqScope scope, byte[] request, int responseCapacity);

    /** The TDI's TDISP state as the TSM knows it, for checks and traces. */
    TdispState tdiState(PciTdi tdi);
}
