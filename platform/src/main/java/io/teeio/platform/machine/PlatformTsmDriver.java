package io.teeio.platform.machine;

import io.teeio.pcie.tdisp.TdiState;
import io.teeio.platform.dsm.EmulatedDevice;
import io.teeio.platform.kernel.Errno;
import io.teeio.platform.kernel.KernelException;
import io.teeio.platform.kernel.TdispState;
import io.teeio.platform.kernel.VmId;
import io.teeio.platform.kernel.pci.PciDev;
import io.teeio.platform.kernel.pcitsm.PciTdi;
import io.teeio.platform.kernel.pcitsm.PciTsmLinkOps;
import io.teeio.platform.kernel.pcitsm.PciTsmReqScope;
import io.teeio.platform.kernel.pcitsm.TsmDev;
import io.teeio.platform.kernel.pcitsm.TsmGuestResponse;
import io.teeio.platform.pci.RoutingId;
import io.teeio.platform.tsm.DsmLink;
import io.teeio.platform.tsm.GuestRequestScope;
import io.teeio.platform.tsm.PlatformTsm;
import io.teeio.platform.tsm.TsmException;
import io.teeio.trace.Tracer;

/**
 * The host's TSM driver: the PCI/TSM core's link ops ({@code struct pci_tsm_ops}) carried out by the platform
 * TSM firmware, as tdx-host or the CCP SEV-TIO driver do for their TSMs. TSM failures become the errno the
 * driver would return.
 */
public final class PlatformTsmDriver implements PciTsmLinkOps {
    private final PlatformTsm tsm;
    private final EmulatedDevice device;
    private final Tracer tracer;

    public PlatformTsmDriver(PlatformTsm tsm, EmulatedDevice device, Tracer tracer) {
        this.tsm = tsm;
        this.device = device;
        this.tracer = tracer;
    }

    private static RoutingId rid(PciDev pdev) {
        return DeviceFunctionHw.routingIdOf(pdev.bdf());
    }

    static KernelException errno(String call, TsmException e) {
        Errno errno = switch (e.reason()) {
            case NO_SUCH_DEVICE, NOT_BOUND -> Errno.ENXIO;
            case WRONG_STATE, BAD_REQUEST, NOT_VALIDATED -> Errno.EINVAL;
            case BUSY -> Errno.EBUSY;
            case NOT_OWNER -> Errno.EPERM;
            default -> Errno.EIO;
        };
        return new KernelException(errno, call, e.getMessage());
    }

    @Override
    public void probe(TsmDev tsmDev, PciDev pdev) {
        if (pdev.bdf().function() != 0 || !device.endpoint().pf().routingId().equals(rid(pdev))) {
            return; // dependent functions (VFs) need no context of their own in this TSM
        }
        try {
            tsm.probe(new DsmLink(rid(pdev), device.endpoint().pf(), device.rootPort()));
        } catch (TsmException e) {
            if (e.reason() != TsmException.Reason.WRONG_STATE) { // already probed: nothing to do
                throw errno("probe", e);
            }
        }
    }

    @Override
    public void remove(PciDev pdev) {
        // The firmware keeps what it learnt at probe; disconnect already tore the link down.
    }

    @Override
    public void connect(PciDev dsm) {
        try {
            tsm.connect(rid(dsm));
        } catch (TsmException e) {
            throw errno("connect", e);
        }
    }

    @Override
    public void disconnect(PciDev dsm) {
        try {
            tsm.disconnect(rid(dsm));
        } catch (TsmException e) {
            if (e.reason() != TsmException.Reason.WRONG_STATE) {
                throw errno("disconnect", e);
            }
        }
    }

    @Override
    public PciTdi bind(PciDev pdev, VmId kvm, int tdiId) {
        try {
            tsm.bind(rid(pdev), new io.teeio.platform.tsm.VmId(kvm.value()), tdiId);
            return new PciTdi(pdev.bdf(), kvm, tdiId);
        } catch (TsmException e) {
            throw errno("bind", e);
        }
    }

    @Override
    public void unbind(PciTdi tdi) {
        try {
            tsm.unbind(DeviceFunctionHw.routingIdOf(tdi.bdf()));
        } catch (TsmException e) {
            // unbind cannot fail towards the kernel (pci_tsm_unbind is void); the firmware's trouble is reported
            tracer.event("tsm", "TSM driver", "TDI " + tdi.bdf(), "UNBIND", "the firmware could not stop the TDI "
                    + "cleanly (" + e.getMessage() + "); the kernel treats it as unbound");
        }
    }

    @Override
    public TsmGuestResponse guestReq(PciTdi tdi, PciTsmReqScope scope, byte[] request, int responseCapacity) {
        GuestRequestScope s = scope == PciTsmReqScope.STATE_CHANGE ? GuestRequestScope.STATE_CHANGE
                : GuestRequestScope.INFO;
        try {
            byte[] response = tsm.guestRequest(new io.teeio.platform.tsm.VmId(tdi.kvm().value()),
                    DeviceFunctionHw.routingIdOf(tdi.bdf()), s, request);
            return new TsmGuestResponse(response, 0);
        } catch (TsmException e) {
            throw errno("guest_req", e);
        }
    }

    @Override
    public TdispState tdiState(PciTdi tdi) {
        try {
            TdiState s = tsm.tdiState(DeviceFunctionHw.routingIdOf(tdi.bdf()));
            return TdispState.valueOf(s.name());
        } catch (TsmException e) {
            throw errno("tdi_state", e);
        }
    }
}
