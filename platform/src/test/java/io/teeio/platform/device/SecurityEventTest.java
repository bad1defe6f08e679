package io.teeio.platform.device;

import static io.teeio.platform.device.SecurityEventKind.*;
import static io.teeio.platform.pci.PciRegs.*;
import static org.junit.jupiter.api.Assertions.*;

import io.teeio.platform.pci.CapabilityWalker;
import io.teeio.platform.pci.IdeRegisters;
import io.teeio.platform.pci.IdeStreamState;
import io.teeio.trace.RecordingSink;
import io.teeio.trace.Tracer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each security-relevant config change raises its event, with a reason, for functions whose TDI is locked. */
class SecurityEventTest {
    private final TestGates gates = new TestGates();
    private final List<SecurityEvent> events = new ArrayList<>();
    private final RecordingSink sink = new RecordingSink();
    private final Endpoint e = Endpoint.builder(EndpointSpec.builder().expansionRom(64 * 1024).build())
            .gates(gates).securityEvents(events::add).tracer(new Tracer(sink, () -> 0L)).build();
    private final PciFunction pf = e.pf();
    private final int pcie = LinuxLikeHost.pcieOffset(pf);
    private final int sriov;

    SecurityEventTest() {
        LinuxLikeHost.enablePf(e, 0xF000000000L);
        LinuxLikeHost.enableVfs(e, 2, 0xF100000000L);
        sriov = LinuxLikeHost.sriovOffset(e);
        for (PciFunction vf : e.vfs()) {
            vf.writeWord(COMMAND, COMMAND_MASTER);
        }
        gates.all(TdiSecurityState.RUN);
    }

    private List<SecurityEventKind> kinds() {
        return events.stream().map(SecurityEvent::kind).toList();
    }

    private SecurityEvent only(SecurityEventKind kind) {
        assertEquals(List.of(kind), kinds());
        return events.get(0);
    }

    @Test
    void clearingMemorySpaceEnableRaisesMseClear() {
        pf.writeWord(COMMAND, COMMAND_MASTER);
        SecurityEvent ev = only(MSE_CLEAR);
        assertEquals(FunctionRef.PF, ev.function());
        assertEquals("COMMAND", ev.register());
        assertTrue(ev.reason().contains("Memory Space Enable cleared"), ev.reason());
    }

    @Test
    void clearingBusMasterEnableRaisesBmeClear() {
        pf.writeWord(COMMAND, COMMAND_MEMORY);
        assertTrue(only(BME_CLEAR).reason().contains("Bus Master Enable"));
    }

    @Test
    void settingCommandBitsIsNotSecurityRelevant() {
        pf.writeWord(COMMAND, COMMAND_MEMORY | COMMAND_MASTER | COMMAND_SERR);
        assertTrue(events.isEmpty());
    }

    @Test
    void writingABarRaisesBarWriteEvenWithTheSameValue() {
        pf.writeDword(BASE_ADDRESS_0, pf.readDword(BASE_ADDRESS_0));
        assertTrue(only(BAR_WRITE).reason().startsWith("BAR0 written"));
    }

    @Test
    void writingTheExpansionRomBarRaisesItsEvent() {
        pf.writeDword(ROM_ADDRESS, 0xFFFFF800);
        only(EXPANSION_ROM_WRITE);
    }

    @Test
    void writingBistRaisesBistWrite() {
        pf.writeByte(BIST, 0x40);
        only(BIST_WRITE);
    }

    @Test
    void changingExtendedTagEnableRaisesDeviceControlChange() {
        pf.writeWord(pcie + EXP_DEVCTL, pf.readWord(pcie + EXP_DEVCTL) | EXP_DEVCTL_EXT_TAG);
        assertTrue(only(DEVICE_CONTROL_CHANGE).reason().contains("Extended Tag Field Enable set"));
    }

    @Test
    void changingNoSnoopRaisesDeviceControlChange() {
        pf.writeWord(pcie + EXP_DEVCTL, pf.readWord(pcie + EXP_DEVCTL) & ~EXP_DEVCTL_NOSNOOP_EN);
        assertTrue(only(DEVICE_CONTROL_CHANGE).reason().contains("Enable No Snoop cleared"));
    }

    @Test
    void changingPhantomFunctionsRaisesDeviceControlChange() {
        pf.writeWord(pcie + EXP_DEVCTL, pf.readWord(pcie + EXP_DEVCTL) | EXP_DEVCTL_PHANTOM);
        assertTrue(only(DEVICE_CONTROL_CHANGE).reason().contains("Phantom Functions"));
    }

    @Test
    void changingTenBitTagRequesterEnableRaisesDeviceControlChange() {
        pf.writeWord(pcie + EXP_DEVCTL2, EXP_DEVCTL2_10BIT_TAG_REQ_EN);
        assertTrue(only(DEVICE_CONTROL_CHANGE).reason().contains("10-Bit Tag"));
    }

    @Test
    void changingMaxPayloadSizeIsNotSecurityRelevant() {
        pf.writeWord(pcie + EXP_DEVCTL, pf.readWord(pcie + EXP_DEVCTL) | 0x20);
        assertTrue(events.isEmpty());
    }

    @Test
    void clearingStatusErrorBitsIsNotSecurityRelevant() {
        pf.writeWord(STATUS, 0xFFFF);
        assertTrue(events.isEmpty());
    }

    @Test
    void msixControlChangeRaisesAnEventOnlyWhenMsixIsLocked() {
        int msix = CapabilityWalker.findCapability(pf, CAP_ID_MSIX);
        pf.writeWord(msix + MSIX_FLAGS, MSIX_FLAGS_ENABLE);
        assertTrue(events.isEmpty());
        gates.msixLocked(true);
        pf.writeWord(msix + MSIX_FLAGS, 0);
        only(MSIX_CHANGE);
    }

    @Test
    void changingAriControlRaisesAriChange() {
        int ari = CapabilityWalker.findExtCapability(pf, EXT_CAP_ID_ARI);
        pf.writeWord(ari + ARI_CTRL, 0x0001);
        only(ARI_CHANGE);
    }

    @Test
    void writingAVfBarRaisesSriovChangeForThePfAndEveryVf() {
        pf.writeDword(sriov + SRIOV_BAR, pf.readDword(sriov + SRIOV_BAR));
        assertEquals(List.of(SRIOV_CHANGE, SRIOV_CHANGE, SRIOV_CHANGE), kinds());
        assertEquals(List.of(FunctionRef.PF, FunctionRef.vf(1), FunctionRef.vf(2)),
                events.stream().map(SecurityEvent::function).toList());
    }

    @Test
    void clearingVfMseRaisesMseClearForTheVfs() {
        pf.writeWord(sriov + SRIOV_CTRL, SRIOV_CTRL_VFE);
        assertEquals(List.of(MSE_CLEAR, MSE_CLEAR), events.stream().filter(ev -> ev.kind() == MSE_CLEAR)
                .map(SecurityEvent::kind).toList());
        assertEquals(List.of(FunctionRef.vf(1), FunctionRef.vf(2)),
                events.stream().filter(ev -> ev.kind() == MSE_CLEAR).map(SecurityEvent::function).toList());
    }

    @Test
    void changingSystemPageSizeRaisesSriovChange() {
        pf.writeDword(sriov + SRIOV_SYS_PGSIZE, 0x2);
        assertTrue(kinds().contains(SRIOV_CHANGE));
    }

    @Test
    void changingTheBoundStreamsControlRaisesIdeStreamChange() {
        IdeRegisters ide = e.ide().orElseThrow();
        pf.writeDword(ide.controlOffset(0), IdeRegisters.control(7, true, true));
        assertEquals(IDE_STREAM_CHANGE, events.get(0).kind());
    }

    @Test
    void disablingASecureDeviceStreamRaisesIdeStreamInsecure() {
        IdeRegisters ide = e.ide().orElseThrow();
        gates.all(TdiSecurityState.CONFIG_UNLOCKED);
        pf.writeDword(ide.controlOffset(0), IdeRegisters.control(7, true, true));
        assertEquals(IdeStreamState.SECURE, e.setIdeStreamState(7, IdeStreamState.SECURE));
        gates.all(TdiSecurityState.RUN);
        e.setIdeStreamState(7, IdeStreamState.INSECURE);
        assertEquals(List.of(IDE_STREAM_INSECURE, IDE_STREAM_INSECURE, IDE_STREAM_INSECURE), kinds());
    }

    @Test
    void pfFlrRaisesFlrForThePfAndEveryVf() {
        pf.writeWord(pcie + EXP_DEVCTL, pf.readWord(pcie + EXP_DEVCTL) | EXP_DEVCTL_BCR_FLR);
        assertEquals(List.of(FLR, FLR, FLR), kinds());
        assertEquals(List.of(FunctionRef.PF, FunctionRef.vf(1), FunctionRef.vf(2)),
                events.stream().map(SecurityEvent::function).toList());
    }

    @Test
    void vfFlrRaisesFlrForThatVfOnly() {
        PciFunction vf2 = e.vfs().get(1);
        int vfPcie = LinuxLikeHost.pcieOffset(vf2);
        vf2.writeWord(vfPcie + EXP_DEVCTL, vf2.readWord(vfPcie + EXP_DEVCTL) | EXP_DEVCTL_BCR_FLR);
        assertEquals(FunctionRef.vf(2), only(FLR).function());
    }

    @Test
    void newBusNumberRaisesRequesterIdChangeForEveryFunction() {
        e.captureBusNumber(9);
        assertEquals(List.of(REQUESTER_ID_CHANGE, REQUESTER_ID_CHANGE, REQUESTER_ID_CHANGE), kinds());
        assertTrue(events.get(1).reason().contains("01:00.1 -> 09:00.1"), events.get(1).reason());
    }

    @Test
    void conventionalResetRaisesForEveryTdiThatIsNotUnlocked() {
        gates.set(FunctionRef.vf(1), TdiSecurityState.CONFIG_UNLOCKED).set(FunctionRef.vf(2), TdiSecurityState.ERROR);
        e.conventionalReset();
        assertEquals(List.of(FunctionRef.PF, FunctionRef.vf(2)), events.stream().map(SecurityEvent::function).toList());
        assertTrue(events.stream().allMatch(ev -> ev.kind() == CONVENTIONAL_RESET));
    }

    @Test
    void unlockedTdisGetNoEvents() {
        gates.all(TdiSecurityState.CONFIG_UNLOCKED);
        pf.writeWord(COMMAND, 0);
        pf.writeDword(BASE_ADDRESS_0, 0xFFFFFFFF);
        assertTrue(events.isEmpty());
    }

    @Test
    void tdiAlreadyInErrorGetsNoFurtherEvents() {
        gates.all(TdiSecurityState.ERROR);
        pf.writeWord(COMMAND, 0);
        assertTrue(events.isEmpty());
    }

    @Test
    void eventCarriesTheStateTheTdiWasIn() {
        gates.set(FunctionRef.PF, TdiSecurityState.CONFIG_LOCKED);
        pf.writeWord(COMMAND, COMMAND_MASTER);
        assertEquals(TdiSecurityState.CONFIG_LOCKED, only(MSE_CLEAR).stateBefore());
    }

    @Test
    void eventsAreTracedAtTheDeviceLayerWithTheirReason() {
        pf.writeWord(COMMAND, COMMAND_MEMORY);
        assertTrue(sink.events().stream().anyMatch(ev -> ev.layer().equals("device")
                && ev.action().equals("SECURITY_BME_CLEAR") && ev.detail().contains("Bus Master Enable cleared")),
                sink.events().toString());
    }

    @Test
    void aListenerMovingTheTdiToErrorStopsDuplicateEvents() {
        List<SecurityEvent> seen = new ArrayList<>();
        TestGates g = new TestGates().all(TdiSecurityState.RUN);
        Endpoint ep = Endpoint.builder(EndpointSpec.builder().build()).gates(g).securityEvents(ev -> {
            seen.add(ev);
            g.set(ev.function(), TdiSecurityState.ERROR);
        }).build();
        ep.pf().writeWord(COMMAND, COMMAND_MEMORY | COMMAND_MASTER); // set while RUN: not relevant
        ep.pf().writeWord(COMMAND, 0);
        assertEquals(List.of(MSE_CLEAR), seen.stream().map(SecurityEvent::kind).toList());
    }

    @Test
    void everyConfigWriteReachesTheFunctionConfigListenerWithOldAndNewValues() {
        List<String> seen = new ArrayList<>();
        Endpoint ep = Endpoint.builder(EndpointSpec.builder().build())
                .configWrites((f, w) -> seen.add(f + " " + w.register().name() + " " + w.oldValue() + "->" + w.newValue()))
                .build();
        ep.pf().writeByte(CACHE_LINE_SIZE, 0x10);
        assertEquals(List.of("PF CACHE_LINE_SIZE 0->16"), seen);
    }
}
