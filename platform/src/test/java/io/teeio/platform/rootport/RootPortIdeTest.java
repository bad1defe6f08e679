package io.teeio.platform.rootport;

import static io.teeio.platform.pci.PciRegs.*;
import static org.junit.jupiter.api.Assertions.*;

import io.teeio.platform.device.CompletionStatus;
import io.teeio.platform.device.Endpoint;
import io.teeio.platform.device.EndpointSpec;
import io.teeio.platform.device.FunctionRef;
import io.teeio.platform.device.LinuxLikeHost;
import io.teeio.platform.device.MmioOutcome;
import io.teeio.platform.device.MmioRequest;
import io.teeio.platform.device.SecurityEvent;
import io.teeio.platform.device.SecurityEventKind;
import io.teeio.platform.device.TdiGate;
import io.teeio.platform.device.TdiSecurityState;
import io.teeio.platform.pci.CapabilityWalker;
import io.teeio.platform.pci.IdeRegisters;
import io.teeio.platform.pci.IdeStreamState;
import io.teeio.platform.pci.RoutingId;
import io.teeio.spdm.codec.Bytes;
import io.teeio.trace.RecordingSink;
import io.teeio.trace.TraceEvent;
import io.teeio.trace.Tracer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class RootPortIdeTest {
    private static final int STREAM = 5;
    private static final long BAR = 0xF000000000L;

    private final RecordingSink sink = new RecordingSink();
    private final Tracer tracer = new Tracer(sink, () -> 0L);
    private final List<String> changes = new ArrayList<>();
    private final List<SecurityEvent> deviceEvents = new ArrayList<>();
    private TdiSecurityState tdiState = TdiSecurityState.CONFIG_UNLOCKED;
    private final Endpoint endpoint = Endpoint.builder(EndpointSpec.builder().build()).tracer(tracer)
            .securityEvents(deviceEvents::add)
            .gates(f -> new TdiGate() {
                public TdiSecurityState state() {
                    return tdiState;
                }

                public boolean streamSecure(int streamId) {
                    return streamId == STREAM && endpoint.ideStreamSecure(streamId);
                }
            }).build();
    private final RootPort port = new RootPort(RootPortSpec.defaults(), DownstreamLink.of(endpoint),
            DeviceIdeEnd.of(endpoint), (id, before, after, cause) -> changes.add(id + ":" + before + "->" + after), tracer);

    private static IdeKeyMaterial key(int seed) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) seed);
        return IdeKeyMaterial.of(k, new byte[] {0, 0, 0, 0, 1, 0, 0, 0});
    }

    private void configureStreamBothEnds() {
        port.writeDword(port.ide().controlOffset(0), IdeRegisters.control(STREAM, true, true));
        IdeRegisters devIde = endpoint.ide().orElseThrow();
        endpoint.pf().writeDword(devIde.controlOffset(0), IdeRegisters.control(STREAM, true, true));
    }

    private void programAll(KeySet set) {
        int seed = 1;
        for (IdeDirection d : IdeDirection.values()) {
            for (SubStream s : SubStream.values()) {
                port.programKey(STREAM, set, d, s, key(seed++));
            }
        }
    }

    private void deviceEndGo() {
        endpoint.setIdeStreamState(STREAM, IdeStreamState.SECURE);
        port.deviceEndChanged(STREAM);
    }

    @Test
    void streamBecomesSecureWhenBothEndsAreProgrammedAndGo() {
        configureStreamBothEnds();
        programAll(KeySet.K0);
        port.go(STREAM, KeySet.K0);
        assertEquals(IdeStreamState.INSECURE, port.streamState(STREAM), "device end not ready yet");
        deviceEndGo();
        assertEquals(IdeStreamState.SECURE, port.streamState(STREAM));
        assertEquals(IdeStreamState.SECURE.code(), port.readDword(port.ide().statusOffset(0)) & IDE_SEL_STATUS_STATE);
        assertEquals(List.of(STREAM + ":INSECURE->SECURE"), changes);
    }

    @Test
    void goWithAMissingKeyIsRefusedNamingTheSlot() {
        configureStreamBothEnds();
        programAll(KeySet.K0);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> port.go(STREAM, KeySet.K1));
        assertTrue(e.getMessage().contains("RX PR"), e.getMessage());
    }

    @Test
    void streamBlockMustBeEnabledToBeSecure() {
        port.writeDword(port.ide().controlOffset(0), IdeRegisters.control(STREAM, false, true));
        programAll(KeySet.K0);
        port.go(STREAM, KeySet.K0);
        port.deviceEndChanged(STREAM);
        assertEquals(IdeStreamState.INSECURE, port.streamState(STREAM));
    }

    @Test
    void stopMakesTheStreamInsecureAndTellsTheListener() {
        configureStreamBothEnds();
        programAll(KeySet.K0);
        port.go(STREAM, KeySet.K0);
        deviceEndGo();
        port.stop(STREAM);
        assertEquals(IdeStreamState.INSECURE, port.streamState(STREAM));
        assertEquals(STREAM + ":SECURE->INSECURE", changes.get(changes.size() - 1));
    }

    @Test
    void clearingTheEnableBitMakesTheStreamInsecure() {
        configureStreamBothEnds();
        programAll(KeySet.K0);
        port.go(STREAM, KeySet.K0);
        deviceEndGo();
        port.writeDword(port.ide().controlOffset(0), IdeRegisters.control(STREAM, false, true));
        assertEquals(IdeStreamState.INSECURE, port.streamState(STREAM));
    }

    @Test
    void linkDisableMakesTheStreamInsecureAndDropsGo() {
        configureStreamBothEnds();
        programAll(KeySet.K0);
        port.go(STREAM, KeySet.K0);
        deviceEndGo();
        int lnkctl = CapabilityWalker.findCapability(port, CAP_ID_EXP) + EXP_LNKCTL;
        port.writeWord(lnkctl, EXP_LNKCTL_LD);
        assertEquals(IdeStreamState.INSECURE, port.streamState(STREAM));
        port.writeWord(lnkctl, 0);
        assertEquals(IdeStreamState.INSECURE, port.streamState(STREAM), "Go must be given again after the link returns");
    }

    @Test
    void clearingKeysErasesEverySlot() {
        configureStreamBothEnds();
        programAll(KeySet.K0);
        port.clearKeys(STREAM);
        assertFalse(port.keyProgrammed(STREAM, KeySet.K0, IdeDirection.TX, SubStream.CPL));
    }

    @Test
    void reprogrammingASlotReplacesItsMaterial() {
        configureStreamBothEnds();
        port.programKey(STREAM, KeySet.K0, IdeDirection.RX, SubStream.NPR, key(1));
        port.programKey(STREAM, KeySet.K0, IdeDirection.RX, SubStream.NPR, key(2));
        assertTrue(port.holds(STREAM, KeySet.K0, IdeDirection.RX, SubStream.NPR, key(2)));
        assertFalse(port.holds(STREAM, KeySet.K0, IdeDirection.RX, SubStream.NPR, key(1)));
    }

    @Test
    void keyForAStreamIdNoBlockCarriesIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> port.programKey(42, KeySet.K0, IdeDirection.RX, SubStream.PR, key(1)));
        assertTrue(e.getMessage().contains("Stream ID 42"), e.getMessage());
    }

    @Test
    void keysNeverAppearInToStringOrTraces() {
        configureStreamBothEnds();
        IdeKeyMaterial k = key(0x5C);
        port.programKey(STREAM, KeySet.K0, IdeDirection.TX, SubStream.PR, k);
        String hex = HexFormat.of().formatHex(new byte[] {0x5C, 0x5C, 0x5C, 0x5C});
        assertEquals("IdeKeyMaterial[redacted]", k.toString());
        for (TraceEvent ev : sink.events()) {
            assertFalse(ev.toString().toLowerCase().contains(hex), ev.toString());
        }
        assertTrue(sink.events().stream().anyMatch(ev -> ev.action().equals("IDE_KEY_PROG")));
    }

    @Test
    void teeRequestReachesARunningTdiOverTheSecureStream() {
        configureStreamBothEnds();
        LinuxLikeHost.enablePf(endpoint, BAR);
        port.writeWord(COMMAND, COMMAND_MEMORY | COMMAND_MASTER);
        programAll(KeySet.K0);
        port.go(STREAM, KeySet.K0);
        deviceEndGo();
        tdiState = TdiSecurityState.RUN;
        endpoint.pf().memory(0).write(0, Bytes.fromHex("abcd"));
        MmioOutcome o = port.forwardMmio(MmioRequest.read(BAR, 2, true));
        assertEquals(CompletionStatus.SUCCESSFUL, o.status(), o.reason());
        assertEquals(Bytes.fromHex("abcd"), o.data());
    }

    @Test
    void teeRequestWithoutASecureStreamIsRefusedAtThePort() {
        LinuxLikeHost.enablePf(endpoint, BAR);
        port.writeWord(COMMAND, COMMAND_MEMORY);
        MmioOutcome o = port.forwardMmio(MmioRequest.read(BAR, 4, true));
        assertEquals(CompletionStatus.UNSUPPORTED_REQUEST, o.status());
        assertTrue(o.reason().contains("no Secure IDE stream"), o.reason());
    }

    @Test
    void hostRequestIsForwardedWithoutAStream() {
        LinuxLikeHost.enablePf(endpoint, BAR);
        port.writeWord(COMMAND, COMMAND_MEMORY);
        assertTrue(port.forwardMmio(MmioRequest.read(BAR, 4, false)).served());
    }

    @Test
    void portWithMemorySpaceDisabledForwardsNothing() {
        LinuxLikeHost.enablePf(endpoint, BAR);
        assertEquals(CompletionStatus.UNSUPPORTED_REQUEST, port.forwardMmio(MmioRequest.read(BAR, 4, false)).status());
    }

    @Test
    void secondaryBusNumberIsCapturedByTheEndpoint() {
        port.writeByte(SECONDARY_BUS, 3);
        assertEquals(RoutingId.of(3, 0, 0), endpoint.pf().routingId());
    }

    @Test
    void secondaryBusNumberChangeUnderALockedTdiIsARequesterIdChange() {
        tdiState = TdiSecurityState.CONFIG_LOCKED;
        port.writeByte(SECONDARY_BUS, 3);
        assertEquals(SecurityEventKind.REQUESTER_ID_CHANGE, deviceEvents.get(0).kind());
        assertEquals(FunctionRef.PF, deviceEvents.get(0).function());
    }

    @Test
    void secondaryBusResetResetsTheEndpointAndTheStream() {
        configureStreamBothEnds();
        programAll(KeySet.K0);
        port.go(STREAM, KeySet.K0);
        deviceEndGo();
        tdiState = TdiSecurityState.RUN;
        port.writeWord(BRIDGE_CONTROL, BRIDGE_CTL_BUS_RESET);
        assertEquals(IdeStreamState.INSECURE, port.streamState(STREAM));
        assertFalse(endpoint.ideStreamSecure(STREAM));
        assertTrue(deviceEvents.stream().anyMatch(ev -> ev.kind() == SecurityEventKind.CONVENTIONAL_RESET));
    }

    @Test
    void rootPortLooksLikeABridgeWithPcieAndIdeCapabilities() {
        assertEquals(HEADER_TYPE_BRIDGE, port.readByte(HEADER_TYPE));
        int pcie = CapabilityWalker.findCapability(port, CAP_ID_EXP);
        assertEquals(EXP_TYPE_ROOT_PORT, (port.readWord(pcie + EXP_FLAGS) & EXP_FLAGS_TYPE) >> 4);
        int ide = CapabilityWalker.findExtCapability(port, EXT_CAP_ID_IDE);
        int cap = port.readDword(ide + IDE_CAP);
        assertEquals(IDE_CAP_SELECTIVE | IDE_CAP_IDE_KM, cap & (IDE_CAP_SELECTIVE | IDE_CAP_IDE_KM));
        assertEquals(RootPortSpec.defaults().ide().selectiveStreams() - 1, (cap >>> IDE_CAP_SEL_STREAMS_SHIFT) & 0xFF);
    }

    @Test
    void keyMaterialOfTheWrongSizeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> IdeKeyMaterial.of(new byte[16], new byte[8]));
        assertThrows(IllegalArgumentException.class, () -> IdeKeyMaterial.of(new byte[32], new byte[4]));
    }
}
