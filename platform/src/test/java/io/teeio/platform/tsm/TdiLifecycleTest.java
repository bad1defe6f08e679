package io.teeio.platform.tsm;

import static io.teeio.platform.tsm.TestMachine.VM1;
import static io.teeio.platform.tsm.TestMachine.VM2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.pcie.tdisp.MmioRange;
import io.teeio.pcie.tdisp.TdiReport;
import io.teeio.pcie.tdisp.TdiReportCodec;
import io.teeio.pcie.tdisp.TdiState;
import io.teeio.platform.device.CompletionStatus;
import io.teeio.platform.device.FunctionRef;
import io.teeio.platform.device.MmioOutcome;
import io.teeio.platform.device.MmioRequest;
import io.teeio.platform.pci.IdeStreamState;
import io.teeio.spdm.codec.Bytes;
import io.teeio.trace.TraceEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The life of a TDI through the platform TSM: connect, bind, accept, run, unbind, disconnect. */
class TdiLifecycleTest {
    private final TestMachine m = new TestMachine();
    private final int stream = TsmConfig.defaults(List.of(m.device.trustAnchor())).streamId();

    @Test
    void connectBindAndGuestStartBringTheTdiToRun() throws Exception {
        m.runVf(1);
        assertEquals(TdiState.RUN, m.tsm.tdiState(m.vf(1)));
        assertEquals(TdiState.RUN, m.deviceState(1));
    }

    @Test
    void connectMakesTheStreamSecureAtBothEnds() throws Exception {
        m.tsm.connect(m.dsm());
        assertEquals(LinkState.CONNECTED, m.tsm.linkState(m.dsm()));
        assertEquals(IdeStreamState.SECURE, m.device.rootPort().streamState(stream));
        assertTrue(m.device.endpoint().ideStreamSecure(stream));
    }

    @Test
    void connectKeysBothEndsWithTheSameKeysInOppositeDirections() throws Exception {
        m.tsm.connect(m.dsm());
        assertTrue(m.device.ideEndsAgree(stream));
    }

    @Test
    void bindLocksTheTdiWithTheBarsTheHostAssigned() throws Exception {
        m.tsm.connect(m.dsm());
        m.tsm.bind(m.vf(2), VM1, 0x0801);
        assertEquals(TdiState.CONFIG_LOCKED, m.deviceState(2));
        TdiReport report = m.device.tdi(FunctionRef.vf(2)).report().orElseThrow();
        MmioRange bar0 = report.mmioRanges().get(0);
        assertEquals(m.bar0(2) >>> 12, bar0.firstPage());
        assertEquals(m.function(2).bar(0).orElseThrow().size() / MmioRange.PAGE_SIZE, bar0.numberOfPages());
    }

    @Test
    void teeMmioToARunTdiOverTheSecureStreamIsServed() throws Exception {
        m.runVf(1);
        m.function(1).memory(0).write(0x40, Bytes.fromHex("c0ffee00"));
        MmioOutcome read = m.device.mmio(MmioRequest.read(m.bar0(1) + 0x40, 4, true));
        assertEquals(CompletionStatus.SUCCESSFUL, read.status(), read.reason());
        assertEquals(Bytes.fromHex("c0ffee00"), read.data());
    }

    @Test
    void theSameMmioWithoutTIsRefused() throws Exception {
        m.runVf(1);
        MmioOutcome read = m.device.mmio(MmioRequest.read(m.bar0(1) + 0x40, 4, false));
        assertEquals(CompletionStatus.COMPLETER_ABORT, read.status(), read.reason());
    }

    @Test
    void teeMmioToALockedTdiNotYetStartedIsRefused() throws Exception {
        m.tsm.connect(m.dsm());
        m.tsm.bind(m.vf(1), VM1, 0x0801);
        MmioOutcome read = m.device.mmio(MmioRequest.read(m.bar0(1), 4, true));
        assertEquals(CompletionStatus.UNSUPPORTED_REQUEST, read.status(), read.reason());
    }

    @Test
    void dmaFromARunTdiCarriesTheTBitToTheIommu() throws Exception {
        m.runVf(1);
        assertTrue(m.device.dmaRead(FunctionRef.vf(1), 0x1000, 64).completed());
        assertTrue(m.dma.get(0).tee());
        assertEquals(m.vf(1), m.dma.get(0).requester());
    }

    @Test
    void dmaFromATdiNotRunGoesWithoutT() throws Exception {
        m.tsm.connect(m.dsm());
        m.tsm.bind(m.vf(1), VM1, 0x0801);
        m.device.dmaRead(FunctionRef.vf(1), 0x1000, 64);
        assertFalse(m.dma.get(0).tee());
    }

    @Test
    void bindAgainForTheSameVmReturnsTheExistingBinding() throws Exception {
        m.tsm.connect(m.dsm());
        BoundTdi first = m.tsm.bind(m.vf(1), VM1, 0x0801);
        assertEquals(first, m.tsm.bind(m.vf(1), VM1, 0x0801));
    }

    @Test
    void bindForAnotherVmIsBusy() throws Exception {
        m.tsm.connect(m.dsm());
        m.tsm.bind(m.vf(1), VM1, 0x0801);
        TsmException e = assertThrows(TsmException.class, () -> m.tsm.bind(m.vf(1), VM2, 0x0801));
        assertEquals(TsmException.Reason.BUSY, e.reason());
        assertEquals(TsmOperation.BIND, e.operation());
        assertEquals(m.vf(1), e.function());
    }

    @Test
    void bindWithAGuestRequesterIdBeyondSixteenBitsIsABadRequestThatLocksNothing() throws Exception {
        m.tsm.connect(m.dsm());
        TsmException e = assertThrows(TsmException.class, () -> m.tsm.bind(m.vf(1), VM1, 0x1_0000));
        assertEquals(TsmException.Reason.BAD_REQUEST, e.reason());
        assertEquals(TdiState.CONFIG_UNLOCKED, m.deviceState(1));
    }

    @Test
    void bindOnADisconnectedDsmIsRefused() {
        TsmException e = assertThrows(TsmException.class, () -> m.tsm.bind(m.vf(1), VM1, 0x0801));
        assertEquals(TsmException.Reason.WRONG_STATE, e.reason());
    }

    @Test
    void bindOfAVfThatDoesNotExistIsRefused() throws Exception {
        m.tsm.connect(m.dsm());
        TsmException e = assertThrows(TsmException.class, () -> m.tsm.bind(m.vf(4).plus(1), VM1, 0x0801));
        assertEquals(TsmException.Reason.NO_SUCH_DEVICE, e.reason());
    }

    @Test
    void bindOfAFunctionThatDoesNotDecodeMemoryIsRefusedByTheDsm() throws Exception {
        m.tsm.connect(m.dsm());
        m.function(0).writeWord(io.teeio.platform.pci.PciRegs.COMMAND, io.teeio.platform.pci.PciRegs.COMMAND_MASTER);
        TsmException e = assertThrows(TsmException.class, () -> m.tsm.bind(m.dsm(), VM1, 0x0800));
        assertEquals(TsmException.Reason.TDISP_FAILURE, e.reason());
        assertEquals(LinkState.CONNECTED, m.tsm.linkState(m.dsm()), "a TDISP refusal keeps the session");
    }

    @Test
    void unbindReturnsTheTdiToConfigUnlockedAndForgetsTheBinding() throws Exception {
        m.runVf(1);
        m.tsm.unbind(m.vf(1));
        assertEquals(TdiState.CONFIG_UNLOCKED, m.deviceState(1));
        assertTrue(m.tsm.binding(m.vf(1)).isEmpty());
    }

    @Test
    void unbindOfATdiThatIsNotBoundDoesNothing() throws Exception {
        m.tsm.connect(m.dsm());
        m.tsm.unbind(m.vf(1));
        assertEquals(TdiState.CONFIG_UNLOCKED, m.deviceState(1));
    }

    @Test
    void disconnectUnbindsEveryTdiStopsTheStreamAndEndsTheSession() throws Exception {
        m.runVf(1);
        m.tsm.bind(m.vf(2), VM1, 0x0802);
        m.tsm.disconnect(m.dsm());
        assertEquals(List.of(TdiState.CONFIG_UNLOCKED, TdiState.CONFIG_UNLOCKED), List.of(m.deviceState(1),
                m.deviceState(2)));
        assertEquals(IdeStreamState.INSECURE, m.device.rootPort().streamState(stream));
        assertEquals(0, m.device.ideKeySlotsInUse(stream));
        assertTrue(m.device.dsm().spdm().sessionIds().isEmpty());
        assertEquals(LinkState.DISCONNECTED, m.tsm.linkState(m.dsm()));
    }

    @Test
    void connectAfterDisconnectWorksAgain() throws Exception {
        m.runVf(1);
        m.tsm.disconnect(m.dsm());
        m.runVf(1);
        assertEquals(TdiState.RUN, m.deviceState(1));
    }

    @Test
    void connectTwiceIsRefused() throws Exception {
        m.tsm.connect(m.dsm());
        TsmException e = assertThrows(TsmException.class, () -> m.tsm.connect(m.dsm()));
        assertEquals(TsmException.Reason.WRONG_STATE, e.reason());
    }

    @Test
    void connectRefusesADeviceWhoseCertificateDoesNotChainToTheTrustAnchors() throws Exception {
        TestMachine other = new TestMachine(2, io.teeio.platform.fault.FaultInjector.NONE,
                c -> new TsmConfig(List.of(TestMachine.IDENTITY.chain().certificates().get(1)), c.streamId(),
                        c.lockFlags(), c.doeRetry(), c.doePollBudget(), c.responseNotReadyRetries(),
                        c.reportChunkSize()));
        TsmException e = assertThrows(TsmException.class, () -> other.tsm.connect(other.dsm()));
        assertEquals(TsmException.Reason.AUTHENTICATION_FAILED, e.reason(), e.getMessage());
        assertEquals(LinkState.DISCONNECTED, other.tsm.linkState(other.dsm()));
    }

    @Test
    void everyConnectStepIsTraced() throws Exception {
        m.tsm.connect(m.dsm());
        List<String> steps = m.sink.events().stream().filter(e -> e.layer().equals("tsm")).map(TraceEvent::action)
                .toList();
        assertEquals(List.of("PROBE", "DOE_DISCOVERY", "SPDM_VCA", "SPDM_CERTIFICATE", "SPDM_MEASUREMENTS",
                "SPDM_SESSION", "IDE_KM_QUERY", "IDE_KEYS", "IDE_STREAM_SECURE", "CONNECT"), steps);
    }

    @Test
    void bindIsTracedWithTheTdiStateBeforeAndAfter() throws Exception {
        m.tsm.connect(m.dsm());
        m.tsm.bind(m.vf(1), VM1, 0x0801);
        TraceEvent bind = m.events("tsm", "BIND").get(0);
        assertEquals(List.of("CONFIG_UNLOCKED", "CONFIG_LOCKED"), List.of(bind.stateBefore(), bind.stateAfter()));
    }
}
