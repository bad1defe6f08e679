package io.teeio.platform.tsm;

import static io.teeio.platform.tsm.TestMachine.VM1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.pcie.tdisp.TdiState;
import io.teeio.platform.fault.FaultPlan;
import io.teeio.platform.fault.FaultPoint;
import io.teeio.platform.fault.FaultTrigger;
import io.teeio.platform.pci.IdeStreamState;
import io.teeio.platform.rootport.IdeDirection;
import io.teeio.platform.rootport.KeySet;
import io.teeio.platform.rootport.RootPort;
import io.teeio.platform.rootport.SubStream;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every fault point gives a clear error naming the operation and the reason, leaves nothing half set up, and
 * the same flow run again afterwards succeeds.
 */
class TsmFaultTest {
    private static final int STREAM = TsmConfig.defaults(List.of(TestMachine.IDENTITY.chain().root())).streamId();
    /** How many DOE requests a clean connect sends (each accepted Go is one occurrence of doe-timeout). */
    private static final int CONNECT_EXCHANGES = cleanConnectExchanges();

    private static int cleanConnectExchanges() {
        FaultPlan counting = FaultPlan.builder(1).build();
        TestMachine m = new TestMachine(4, counting, c -> c);
        try {
            m.tsm.connect(m.dsm());
        } catch (TsmException e) {
            throw new IllegalStateException(e);
        }
        return counting.occurrences(FaultPoint.DOE_TIMEOUT);
    }

    private static TestMachine machine(FaultPoint point, FaultTrigger trigger) {
        return machine(point, trigger, c -> c);
    }

    private static TestMachine machine(FaultPoint point, FaultTrigger trigger, UnaryOperator<TsmConfig> config) {
        return new TestMachine(4, FaultPlan.builder(42).arm(point, trigger).build(), config);
    }

    private static TsmException connectFails(TestMachine m) {
        TsmException e = assertThrows(TsmException.class, () -> m.tsm.connect(m.dsm()));
        assertEquals(TsmOperation.CONNECT, e.operation());
        assertEquals(m.dsm(), e.function());
        return e;
    }

    /** Nothing stays keyed or open after a failed connect. */
    private static void assertNothingKept(TestMachine m) throws TsmException {
        assertEquals(LinkState.DISCONNECTED, m.tsm.linkState(m.dsm()));
        RootPort rp = m.device.rootPort();
        for (IdeDirection d : IdeDirection.values()) {
            for (SubStream s : SubStream.values()) {
                assertFalse(rp.keyProgrammed(STREAM, KeySet.K0, d, s), "root port key " + d + " " + s);
            }
        }
        assertEquals(IdeStreamState.INSECURE, rp.streamState(STREAM));
    }

    /** The whole life runs after the fault: connect, bind, accept, RUN. */
    private static void lifeRunsAgain(TestMachine m) throws TsmException {
        m.runVf(1);
        assertEquals(TdiState.RUN, m.tsm.tdiState(m.vf(1)));
    }

    @Test
    void doeBusyIsAbortedAndRetriedSoConnectSucceeds() throws Exception {
        TestMachine m = machine(FaultPoint.DOE_BUSY, FaultTrigger.nth(3));
        m.tsm.connect(m.dsm());
        assertTrue(m.events("tsm", "DOE_RETRY").get(0).detail().startsWith("BUSY"));
    }

    @Test
    void doeBusyWithoutRetriesFailsConnectNamingBusyAndTheNextConnectSucceeds() throws Exception {
        TestMachine m = machine(FaultPoint.DOE_BUSY, FaultTrigger.nth(3), c -> c.withDoeRetry(DoeRetryPolicy.none()));
        TsmException e = connectFails(m);
        assertEquals(TsmException.Reason.DOE_FAILURE, e.reason());
        assertTrue(e.getMessage().contains("BUSY"), e.getMessage());
        assertNothingKept(m);
        lifeRunsAgain(m);
    }

    @Test
    void doeTimeoutOnDiscoveryIsRetriedSoConnectSucceeds() throws Exception {
        TestMachine m = machine(FaultPoint.DOE_TIMEOUT, FaultTrigger.nth(1));
        m.tsm.connect(m.dsm());
        assertTrue(m.events("tsm", "DOE_RETRY").get(0).detail().startsWith("TIMEOUT"));
    }

    @Test
    void doeTimeoutInsideTheSessionFailsConnectAndTheNextConnectSucceeds() throws Exception {
        TestMachine m = machine(FaultPoint.DOE_TIMEOUT, FaultTrigger.nth(CONNECT_EXCHANGES - 2));
        TsmException e = connectFails(m);
        assertEquals(TsmException.Reason.DOE_FAILURE, e.reason());
        assertTrue(e.getMessage().contains("TIMEOUT"), e.getMessage());
        assertNothingKept(m);
        lifeRunsAgain(m);
    }

    @Test
    void doeAbortMidResponseFailsConnectAndTheNextConnectSucceeds() throws Exception {
        TestMachine m = machine(FaultPoint.DOE_ABORT, FaultTrigger.nth(5));
        TsmException e = connectFails(m);
        assertEquals(TsmException.Reason.DOE_FAILURE, e.reason());
        assertTrue(e.getMessage().contains("ABORTED") && e.getMessage().contains("GET_CAPABILITIES"), e.getMessage());
        assertNothingKept(m);
        lifeRunsAgain(m);
    }

    @Test
    void aCorruptedDoeObjectFailsConnectAndTheNextConnectSucceeds() throws Exception {
        TestMachine m = machine(FaultPoint.DOE_CORRUPT_OBJECT, FaultTrigger.nth(5));
        TsmException e = connectFails(m);
        assertEquals(TsmException.Reason.DOE_FAILURE, e.reason());
        assertTrue(e.getMessage().contains("UNEXPECTED_RESPONSE"), e.getMessage());
        assertNothingKept(m);
        lifeRunsAgain(m);
    }

    @Test
    void responseNotReadyIsFollowedByRespondIfReadySoConnectSucceeds() throws Exception {
        TestMachine m = machine(FaultPoint.RESPONSE_NOT_READY, FaultTrigger.always());
        m.tsm.connect(m.dsm());
        assertEquals(LinkState.CONNECTED, m.tsm.linkState(m.dsm()));
        assertFalse(m.events("spdm", "RESPOND_IF_READY").isEmpty());
    }

    @Test
    void responseNotReadyBeyondTheRetryBudgetFailsConnectAndTheNextConnectSucceeds() throws Exception {
        TestMachine m = machine(FaultPoint.RESPONSE_NOT_READY, FaultTrigger.nth(2),
                c -> c.withResponseNotReadyRetries(0));
        TsmException e = connectFails(m);
        assertEquals(TsmException.Reason.SPDM_FAILURE, e.reason());
        assertTrue(e.getMessage().contains("ResponseNotReady"), e.getMessage());
        assertNothingKept(m);
        lifeRunsAgain(m);
    }

    /** Connect's reset points: after discovery, VCA, certificate, measurements, session, K_SET_GO. */
    @ParameterizedTest(name = "reset at connect point {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6})
    void aDeviceResetDuringConnectFailsItAsALostLinkAndTheFlowRunsAgainAfterEnumeration(int point) throws Exception {
        TestMachine m = machine(FaultPoint.DEVICE_RESET_MID_FLOW, FaultTrigger.nth(point));
        TsmException e = connectFails(m);
        assertEquals(TsmException.Reason.LINK_LOST, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("the device was reset"), e.getMessage());
        assertTrue(m.device.dsm().spdm().sessionIds().isEmpty(), "no session left open on the device");
        assertNothingKept(m);
        m.enumerate();
        lifeRunsAgain(m);
    }

    /** Connect passes six reset points; bind's are before LOCK_INTERFACE (7) and after it (8). */
    @ParameterizedTest(name = "reset at bind point {0}")
    @ValueSource(ints = {7, 8})
    void aDeviceResetDuringBindFailsItAsALostLinkAndTheFlowRunsAgainAfterEnumeration(int point) throws Exception {
        TestMachine m = machine(FaultPoint.DEVICE_RESET_MID_FLOW, FaultTrigger.nth(point));
        m.tsm.connect(m.dsm());
        TsmException e = assertThrows(TsmException.class, () -> m.tsm.bind(m.vf(1), VM1, 0x0801));
        assertEquals(TsmOperation.BIND, e.operation());
        assertEquals(TsmException.Reason.LINK_LOST, e.reason(), e.getMessage());
        assertTrue(m.tsm.binding(m.vf(1)).isEmpty());
        assertEquals(TdiState.CONFIG_UNLOCKED, m.deviceState(1), "a conventional reset unlocks every TDI");
        assertNothingKept(m);
        m.enumerate();
        lifeRunsAgain(m);
    }

    @Test
    void aDoeTimeoutAfterLockLosesTheLinkAndTheNextBindStopsTheTdiLeftInErrorFirst() throws Exception {
        // bind sends GET_DEVICE_INTERFACE_STATE, LOCK_INTERFACE, GET_DEVICE_INTERFACE_STATE: the third times out.
        TestMachine m = machine(FaultPoint.DOE_TIMEOUT, FaultTrigger.nth(CONNECT_EXCHANGES + 3));
        m.tsm.connect(m.dsm());
        TsmException e = assertThrows(TsmException.class, () -> m.tsm.bind(m.vf(1), VM1, 0x0801));
        assertEquals(TsmException.Reason.DOE_FAILURE, e.reason());
        assertEquals(LinkState.DISCONNECTED, m.tsm.linkState(m.dsm()));
        lifeRunsAgain(m);
        assertEquals("found ERROR before LOCK (left by an earlier failure): stopped",
                m.events("tsm", "STOP_INTERFACE").get(0).detail());
    }

    @Test
    void aKpAckFailureFromTheDeviceFailsConnectAndClearsBothEnds() throws Exception {
        TestMachine m = machine(FaultPoint.IDE_KEY_PROG_FAILURE, FaultTrigger.nth(3));
        TsmException e = connectFails(m);
        assertEquals(TsmException.Reason.IDE_FAILURE, e.reason());
        assertTrue(e.getMessage().contains("KEY_PROG") && e.getMessage().contains("UNSUPPORTED_VALUE"),
                e.getMessage());
        assertEquals(0, m.device.ideKeySlotsInUse(STREAM));
        assertNothingKept(m);
        lifeRunsAgain(m);
    }

    @Test
    void aRootPortKeyRefusalFailsConnectAndClearsBothEnds() throws Exception {
        TestMachine m = machine(FaultPoint.ROOT_PORT_KEY_PROG_FAILURE, FaultTrigger.nth(2));
        TsmException e = connectFails(m);
        assertEquals(TsmException.Reason.IDE_FAILURE, e.reason());
        assertTrue(e.getMessage().contains("root port " + m.device.rootPort().routingId() + " refused"),
                e.getMessage());
        assertEquals(0, m.device.ideKeySlotsInUse(STREAM));
        assertNothingKept(m);
        lifeRunsAgain(m);
    }
}
