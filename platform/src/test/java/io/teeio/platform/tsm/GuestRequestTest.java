package io.teeio.platform.tsm;

import static io.teeio.platform.tsm.TestMachine.VM1;
import static io.teeio.platform.tsm.TestMachine.VM2;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.pcie.tdisp.TdiState;
import io.teeio.platform.device.FunctionRef;
import io.teeio.platform.pci.RoutingId;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.message.MeasurementBlock;
import io.teeio.trace.TraceEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Guest requests: only the owner VM is served, each in its scope; START needs bind and a validated report. */
class GuestRequestTest {
    private final TestMachine m = new TestMachine();
    private final RoutingId tdi;

    GuestRequestTest() throws TsmException {
        m.tsm.connect(m.dsm());
        tdi = m.vf(1);
    }

    private GuestResponse info(VmId vm, GuestRequest r) throws TsmException {
        return m.tsm.guestRequest(vm, tdi, GuestRequestScope.INFO, r);
    }

    private Bytes report(VmId vm) throws TsmException {
        return ((GuestResponse.InterfaceReport) info(vm, new GuestRequest.GetInterfaceReport())).report();
    }

    private GuestResponse start(VmId vm, Bytes report) throws TsmException {
        return m.tsm.guestRequest(vm, tdi, GuestRequestScope.STATE_CHANGE, GuestRequest.StartInterface.accepting(report));
    }

    @Test
    void theOwnersStartAfterCheckingTheReportRunsTheTdi() throws Exception {
        m.tsm.bind(tdi, VM1, 0x0801);
        assertEquals(new GuestResponse.StateChanged(GuestRequestType.START_INTERFACE, TdiState.RUN),
                start(VM1, report(VM1)));
    }

    @Test
    void aRequestFromAVmThatIsNotTheOwnerIsRefused() throws Exception {
        m.tsm.bind(tdi, VM1, 0x0801);
        TsmException e = assertThrows(TsmException.class, () -> info(VM2, new GuestRequest.GetTdiState()));
        assertEquals(TsmException.Reason.NOT_OWNER, e.reason());
        assertEquals(TsmOperation.GUEST_REQUEST, e.operation());
        assertEquals(tdi, e.function());
    }

    @Test
    void aStartFromAVmThatIsNotTheOwnerLeavesTheTdiLocked() throws Exception {
        m.tsm.bind(tdi, VM1, 0x0801);
        Bytes report = report(VM1);
        assertThrows(TsmException.class, () -> start(VM2, report));
        assertEquals(TdiState.CONFIG_LOCKED, m.deviceState(1));
    }

    @Test
    void startWithoutBindIsRefused() {
        TsmException e = assertThrows(TsmException.class, () -> m.tsm.guestRequest(VM1, tdi,
                GuestRequestScope.STATE_CHANGE, new GuestRequest.StartInterface(Bytes.zeros(48))));
        assertEquals(TsmException.Reason.NOT_BOUND, e.reason());
        assertEquals(TdiState.CONFIG_UNLOCKED, m.deviceState(1));
    }

    @Test
    void startBeforeAnyReportWasFetchedIsRefused() throws Exception {
        m.tsm.bind(tdi, VM1, 0x0801);
        Bytes unseen = Bytes.of(m.device.tdi(FunctionRef.vf(1)).report().map(r ->
                io.teeio.pcie.tdisp.TdiReportCodec.encode(r)).orElseThrow());
        TsmException e = assertThrows(TsmException.class, () -> start(VM1, unseen));
        assertEquals(TsmException.Reason.NOT_VALIDATED, e.reason());
    }

    @Test
    void startNamingAReportOtherThanTheOneServedIsRefused() throws Exception {
        m.tsm.bind(tdi, VM1, 0x0801);
        report(VM1);
        TsmException e = assertThrows(TsmException.class, () -> start(VM1, Bytes.fromHex("00")));
        assertEquals(TsmException.Reason.NOT_VALIDATED, e.reason());
        assertEquals(TdiState.CONFIG_LOCKED, m.deviceState(1));
    }

    @Test
    void aReportServedBeforeUnbindDoesNotValidateAStartAfterTheNextBind() throws Exception {
        m.tsm.bind(tdi, VM1, 0x0801);
        Bytes old = report(VM1);
        m.tsm.unbind(tdi);
        m.tsm.bind(tdi, VM1, 0x0801);
        TsmException e = assertThrows(TsmException.class, () -> start(VM1, old));
        assertEquals(TsmException.Reason.NOT_VALIDATED, e.reason());
    }

    @Test
    void aSecondStartIsRefused() throws Exception {
        m.tsm.bind(tdi, VM1, 0x0801);
        Bytes report = report(VM1);
        start(VM1, report);
        TsmException e = assertThrows(TsmException.class, () -> start(VM1, report));
        assertEquals(TsmException.Reason.WRONG_STATE, e.reason());
    }

    @Test
    void guestStopReturnsTheTdiToConfigUnlockedAndKeepsTheBinding() throws Exception {
        m.tsm.bind(tdi, VM1, 0x0801);
        start(VM1, report(VM1));
        GuestResponse r = m.tsm.guestRequest(VM1, tdi, GuestRequestScope.STATE_CHANGE, new GuestRequest.StopInterface());
        assertEquals(new GuestResponse.StateChanged(GuestRequestType.STOP_INTERFACE, TdiState.CONFIG_UNLOCKED), r);
        assertEquals(BindingState.STOPPED, m.tsm.binding(tdi).orElseThrow().state());
    }

    @Test
    void anInfoRequestAskedInTheStateChangeScopeIsRefused() throws Exception {
        m.tsm.bind(tdi, VM1, 0x0801);
        TsmException e = assertThrows(TsmException.class, () -> m.tsm.guestRequest(VM1, tdi,
                GuestRequestScope.STATE_CHANGE, new GuestRequest.GetTdiState()));
        assertEquals(TsmException.Reason.BAD_REQUEST, e.reason());
    }

    @Test
    void theDebugScopesAreRefused() throws Exception {
        m.tsm.bind(tdi, VM1, 0x0801);
        TsmException e = assertThrows(TsmException.class, () -> m.tsm.guestRequest(VM1, tdi,
                GuestRequestScope.DEBUG_READ, new GuestRequest.GetTdiState()));
        assertEquals(TsmException.Reason.BAD_REQUEST, e.reason());
    }

    @Test
    void theCertificateChainIsTheDevicesChainRootFirst() throws Exception {
        m.tsm.bind(tdi, VM1, 0x0801);
        GuestResponse r = info(VM1, new GuestRequest.GetCertificateChain());
        assertEquals(new GuestResponse.CertificateChain(TestMachine.IDENTITY.chain().concatenatedDer()), r);
    }

    @Test
    void theMeasurementsAreTheBlocksTheDeviceSigned() throws Exception {
        m.tsm.bind(tdi, VM1, 0x0801);
        List<MeasurementBlock> blocks = ((GuestResponse.Measurements) info(VM1, new GuestRequest.GetMeasurements()))
                .blocks();
        assertEquals(m.device.dsm().spdm().config().measurements().count(), blocks.size());
    }

    @Test
    void theEncodedRequestIsAnsweredWithTheEncodedResponse() throws Exception {
        m.tsm.bind(tdi, VM1, 0x0801);
        byte[] answer = m.tsm.guestRequest(VM1, tdi, GuestRequestScope.INFO,
                GuestRequestCodec.encode(new GuestRequest.GetTdiState()));
        assertArrayEquals(GuestRequestCodec.encode(new GuestResponse.TdiStateReport(TdiState.CONFIG_LOCKED)), answer);
    }

    @Test
    void malformedRequestBytesAreABadRequest() throws Exception {
        m.tsm.bind(tdi, VM1, 0x0801);
        TsmException e = assertThrows(TsmException.class, () -> m.tsm.guestRequest(VM1, tdi, GuestRequestScope.INFO,
                new byte[] {0x04, 0, 1, 0}));
        assertEquals(TsmException.Reason.BAD_REQUEST, e.reason());
    }

    @Test
    void startAndStopAreTracedWithTheTdiStateBeforeAndAfter() throws Exception {
        m.tsm.bind(tdi, VM1, 0x0801);
        start(VM1, report(VM1));
        m.tsm.guestRequest(VM1, tdi, GuestRequestScope.STATE_CHANGE, new GuestRequest.StopInterface());
        List<List<String>> changes = m.sink.events().stream().filter(e -> e.layer().equals("tsm")
                && e.action().startsWith("GUEST_") && e.changesState())
                .map(e -> List.of(e.action(), e.stateBefore(), e.stateAfter())).toList();
        assertEquals(List.of(List.of("GUEST_START", "CONFIG_LOCKED", "RUN"),
                List.of("GUEST_STOP", "RUN", "CONFIG_UNLOCKED")), changes);
    }

    @Test
    void aRefusedRequestIsTraced() throws Exception {
        m.tsm.bind(tdi, VM1, 0x0801);
        assertThrows(TsmException.class, () -> info(VM2, new GuestRequest.GetTdiState()));
        TraceEvent refused = m.events("tsm", "GUEST_REQUEST_REFUSED").get(0);
        assertEquals(VM2.toString(), refused.peer());
        assertTrue(refused.detail().contains("NOT_OWNER"), refused.detail());
    }
}
