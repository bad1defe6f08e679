package io.teeio.platform.dsm;

import io.teeio.pcie.tdisp.Tdi;
import io.teeio.pcie.tdisp.TdiState;
import io.teeio.platform.device.SecurityEvent;
import io.teeio.platform.device.TdiSecurityEvents;
import io.teeio.platform.pci.IdeRegisters;
import io.teeio.platform.pci.IdeStreamState;
import io.teeio.trace.Tracer;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns the endpoint's security events into the TDI's outside events (PROTOCOLS.md §5.6), and traces each with
 * its reason and the TDI state before and after: config changes, BAR writes, MSE/BME clear, FLR, requester id
 * change, the bound IDE stream leaving Secure (ERROR), conventional reset (CONFIG_UNLOCKED).
 */
final class TdispSecurityEvents implements TdiSecurityEvents {
    private final DeviceTdis tdis;
    private final Supplier<Optional<IdeRegisters>> ide;
    private final Tracer tracer;

    TdispSecurityEvents(DeviceTdis tdis, Supplier<Optional<IdeRegisters>> ide, Tracer tracer) {
        this.tdis = tdis;
        this.ide = ide;
        this.tracer = tracer;
    }

    @Override
    public void securityEvent(SecurityEvent event) {
        Optional<Tdi> found = tdis.tdi(event.function());
        if (found.isEmpty()) {
            return;
        }
        Tdi tdi = found.get();
        TdiState before = tdi.state();
        String reason = event.register().isEmpty() ? event.reason() : event.register() + ": " + event.reason();
        switch (event.kind()) {
            case MSE_CLEAR, BME_CLEAR -> tdi.memorySpaceOrBusMasterCleared();
            case BAR_WRITE, EXPANSION_ROM_WRITE -> tdi.barChanged();
            case FLR -> tdi.functionLevelReset();
            case REQUESTER_ID_CHANGE -> tdi.requesterIdChanged();
            case IDE_STREAM_INSECURE -> streamsNotSecure(tdi);
            case CONVENTIONAL_RESET -> tdi.conventionalReset();
            case BIST_WRITE, DEVICE_CONTROL_CHANGE, MSIX_CHANGE, ARI_CHANGE, SRIOV_CHANGE, IDE_STREAM_CHANGE ->
                    tdi.configurationChanged(reason);
        }
        tracer.transition("device", "DSM", "TDI " + event.function(), "TDI_" + event.kind(), reason,
                before.name(), tdi.state().name());
    }

    /** The endpoint does not say which stream left Secure: every stream block not Secure now is a candidate. */
    private void streamsNotSecure(Tdi tdi) {
        Optional<IdeRegisters> found = ide.get();
        if (found.isEmpty()) {
            return;
        }
        IdeRegisters regs = found.get();
        for (int b = 0; b < regs.blocks(); b++) {
            if (!regs.enabled(b) || regs.state(b) != IdeStreamState.SECURE) {
                tdi.ideStreamLeftSecure(FunctionTdiHost.IDE_PORT, regs.streamId(b));
            }
        }
    }
}
