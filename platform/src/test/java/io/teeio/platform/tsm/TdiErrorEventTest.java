package io.teeio.platform.tsm;

import static io.teeio.platform.pci.PciRegs.BASE_ADDRESS_0;
import static io.teeio.platform.pci.PciRegs.COMMAND;
import static io.teeio.platform.pci.PciRegs.COMMAND_MASTER;
import static io.teeio.platform.pci.PciRegs.COMMAND_MEMORY;
import static io.teeio.platform.pci.PciRegs.EXP_DEVCTL;
import static io.teeio.platform.pci.PciRegs.EXP_DEVCTL_BCR_FLR;
import static io.teeio.platform.pci.PciRegs.EXP_DEVCTL_EXT_TAG;
import static io.teeio.platform.tsm.TestMachine.VM1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.pcie.tdisp.TdiState;
import io.teeio.platform.device.LinuxLikeHost;
import io.teeio.platform.device.PciFunction;
import io.teeio.platform.pci.RoutingId;
import io.teeio.trace.TraceEvent;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each security-relevant event sends a RUN TDI to ERROR, the device traces why, and the TSM reports it. */
class TdiErrorEventTest {
    private final TestMachine m = new TestMachine();

    /** What happens, and to which TDI (0 = the PF, n = VF n). */
    enum Hit {
        LOCKED_CONFIG_WRITE(0, "TDI_DEVICE_CONTROL_CHANGE"),
        MSE_CLEAR(0, "TDI_MSE_CLEAR"),
        BME_CLEAR(0, "TDI_BME_CLEAR"),
        BAR_MOVE(0, "TDI_BAR_WRITE"),
        PF_FLR_HITS_ITS_VF(1, "TDI_FLR"),
        VF_FLR(1, "TDI_FLR"),
        IDE_STREAM_STOP(1, "TDI_IDE_STREAM_INSECURE");

        final int function;
        final String traced;

        Hit(int function, String traced) {
            this.function = function;
            this.traced = traced;
        }
    }

    TdiErrorEventTest() throws TsmException {
        m.runVf(1);
        m.tsm.bind(m.dsm(), VM1, 0x0800);
        m.accept(VM1, m.dsm());
    }

    private RoutingId tdi(Hit hit) {
        return hit.function == 0 ? m.dsm() : m.vf(hit.function);
    }

    private void apply(Hit hit) {
        PciFunction pf = m.function(0);
        switch (hit) {
            case LOCKED_CONFIG_WRITE -> {
                int devctl = LinuxLikeHost.pcieOffset(pf) + EXP_DEVCTL;
                pf.writeWord(devctl, pf.readWord(devctl) ^ EXP_DEVCTL_EXT_TAG);
            }
            case MSE_CLEAR -> pf.writeWord(COMMAND, COMMAND_MASTER);
            case BME_CLEAR -> pf.writeWord(COMMAND, COMMAND_MEMORY);
            case BAR_MOVE -> LinuxLikeHost.assignBar(pf, BASE_ADDRESS_0, TestMachine.PF_BAR0 + (4L << 20));
            case PF_FLR_HITS_ITS_VF -> flr(pf);
            case VF_FLR -> flr(m.function(1));
            case IDE_STREAM_STOP -> m.device.rootPort().stop(TsmConfig.defaults(List.of(m.device.trustAnchor()))
                    .streamId());
        }
    }

    private static void flr(PciFunction f) {
        int devctl = LinuxLikeHost.pcieOffset(f) + EXP_DEVCTL;
        f.writeWord(devctl, f.readWord(devctl) | EXP_DEVCTL_BCR_FLR);
    }

    @ParameterizedTest
    @EnumSource(Hit.class)
    void theEventSendsTheDevicesTdiToError(Hit hit) {
        apply(hit);
        assertEquals(TdiState.ERROR, m.deviceState(hit.function));
    }

    @ParameterizedTest
    @EnumSource(Hit.class)
    void theTsmReportsTheTdiInError(Hit hit) throws TsmException {
        apply(hit);
        assertEquals(TdiState.ERROR, m.tsm.tdiState(tdi(hit)));
    }

    @ParameterizedTest
    @EnumSource(Hit.class)
    void theOwnersGuestStateRequestSeesError(Hit hit) throws TsmException {
        apply(hit);
        GuestResponse state = m.tsm.guestRequest(VM1, tdi(hit), GuestRequestScope.INFO, new GuestRequest.GetTdiState());
        assertEquals(new GuestResponse.TdiStateReport(TdiState.ERROR), state);
    }

    @ParameterizedTest
    @EnumSource(Hit.class)
    void theDeviceTracesWhyTheTdiWentFromRunToError(Hit hit) {
        apply(hit);
        String peer = "TDI " + (hit.function == 0 ? "PF" : "VF" + hit.function);
        TraceEvent e = m.events("device", hit.traced).stream().filter(t -> t.peer().equals(peer)).findFirst()
                .orElseThrow();
        assertEquals(List.of("RUN", "ERROR"), List.of(e.stateBefore(), e.stateAfter()));
        assertTrue(!e.detail().isBlank(), "the event says why");
    }
}
