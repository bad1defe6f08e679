package io.teeio.platform.doe;

import static io.teeio.platform.pci.PciRegs.*;
import static org.junit.jupiter.api.Assertions.*;

import io.teeio.platform.fault.FaultPlan;
import io.teeio.platform.fault.FaultPoint;
import io.teeio.platform.fault.FaultTrigger;
import io.teeio.platform.pci.ConfigAccessor;
import io.teeio.spdm.codec.Bytes;
import io.teeio.trace.Tracer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DoeMailboxDriverTest {

    private static DoeFixture withFault(FaultPoint point, int latency) {
        FaultPlan plan = FaultPlan.builder(3).arm(point, FaultTrigger.nth(1)).build();
        return new DoeFixture(DoeMailboxConfig.withLatency(latency), plan, false);
    }

    @Test
    void exchangeReturnsTheWholeResponseObject() throws DoeException {
        DoeFixture f = new DoeFixture();
        assertArrayEquals(DoeFixture.VERSION_OBJECT, f.driver().exchange(DoeFixture.GET_VERSION_OBJECT));
    }

    @Test
    void payloadExchangeBuildsTheHeaderAndReturnsThePayload() throws DoeException {
        DoeFixture f = new DoeFixture();
        byte[] payload = f.driver().exchange(0x0001, 0x01, Bytes.fromHex("10840000").toByteArray());
        assertArrayEquals(Arrays.copyOfRange(DoeFixture.VERSION_OBJECT, 8, DoeFixture.VERSION_OBJECT.length), payload);
        assertArrayEquals(DoeFixture.GET_VERSION_OBJECT, f.requests.get(0));
    }

    @Test
    void payloadThatIsNotAWholeDwordIsZeroPadded() throws DoeException {
        DoeFixture f = new DoeFixture();
        f.driver().exchange(0x0001, 0x01, new byte[] {0x10, (byte) 0x84, 0});
        assertArrayEquals(DoeFixture.GET_VERSION_OBJECT, f.requests.get(0));
    }

    @Test
    void driverPollsThroughABusyPeriod() throws DoeException {
        DoeFixture f = new DoeFixture(DoeMailboxConfig.withLatency(10), io.teeio.platform.fault.FaultInjector.NONE, false);
        assertArrayEquals(DoeFixture.VERSION_OBJECT, f.driver().exchange(DoeFixture.GET_VERSION_OBJECT));
    }

    @Test
    void busyLongerThanThePollBudgetIsATimeout() {
        DoeFixture f = new DoeFixture(DoeMailboxConfig.withLatency(1000), io.teeio.platform.fault.FaultInjector.NONE, false);
        DoeException e = assertThrows(DoeException.class, () -> f.driver().exchange(DoeFixture.GET_VERSION_OBJECT));
        assertEquals(DoeError.TIMEOUT, e.error());
        assertFalse(f.mailbox.busy(), "the driver aborted the request");
    }

    @Test
    void unansweredRequestTimesOut() {
        DoeFixture f = new DoeFixture();
        DoeException e = assertThrows(DoeException.class,
                () -> f.driver().exchange(0x0001, 0x01, new byte[] {0x10, (byte) 0xE0, 0, 0}));
        assertEquals(DoeError.TIMEOUT, e.error());
    }

    @Test
    void requestHeaderWithAWrongLengthIsRejectedBeforeAnythingIsWritten() {
        DoeFixture f = new DoeFixture();
        byte[] bad = DoeFixture.GET_VERSION_OBJECT.clone();
        bad[4] = 4;
        assertThrows(IllegalArgumentException.class, () -> f.driver().exchange(bad));
        assertEquals(0, f.mailbox.requestDwordsWritten());
    }

    @Test
    void errorBitBeforeTheRequestIsReportedAndCleared() throws DoeException {
        DoeFixture f = new DoeFixture();
        f.pop(); // pop with nothing ready: Error
        DoeException e = assertThrows(DoeException.class, () -> f.driver().exchange(DoeFixture.GET_VERSION_OBJECT));
        assertEquals(DoeError.ERROR, e.error());
        assertArrayEquals(DoeFixture.VERSION_OBJECT, f.driver().exchange(DoeFixture.GET_VERSION_OBJECT));
    }

    @Test
    void doeBusyFaultGivesBusyAndARetrySucceeds() throws DoeException {
        DoeFixture f = withFault(FaultPoint.DOE_BUSY, 0);
        DoeMailboxDriver driver = f.driver();
        DoeException e = assertThrows(DoeException.class, () -> driver.exchange(DoeFixture.GET_VERSION_OBJECT));
        assertEquals(DoeError.BUSY, e.error());
        assertTrue(f.requests.isEmpty(), "nothing was sent while Busy");
        assertArrayEquals(DoeFixture.VERSION_OBJECT, driver.exchange(DoeFixture.GET_VERSION_OBJECT));
    }

    @Test
    void doeTimeoutFaultGivesTimeoutAndARetrySucceeds() throws DoeException {
        DoeFixture f = withFault(FaultPoint.DOE_TIMEOUT, 2);
        DoeMailboxDriver driver = f.driver();
        DoeException e = assertThrows(DoeException.class, () -> driver.exchange(DoeFixture.GET_VERSION_OBJECT));
        assertEquals(DoeError.TIMEOUT, e.error());
        assertArrayEquals(DoeFixture.VERSION_OBJECT, driver.exchange(DoeFixture.GET_VERSION_OBJECT));
    }

    @Test
    void doeAbortFaultGivesAbortedAndARetrySucceeds() throws DoeException {
        DoeFixture f = withFault(FaultPoint.DOE_ABORT, 0);
        DoeMailboxDriver driver = f.driver();
        DoeException e = assertThrows(DoeException.class, () -> driver.exchange(DoeFixture.GET_VERSION_OBJECT));
        assertEquals(DoeError.ABORTED, e.error());
        assertArrayEquals(DoeFixture.VERSION_OBJECT, driver.exchange(DoeFixture.GET_VERSION_OBJECT));
    }

    @Test
    void doeCorruptObjectFaultGivesUnexpectedResponseAndARetrySucceeds() throws DoeException {
        DoeFixture f = withFault(FaultPoint.DOE_CORRUPT_OBJECT, 0);
        DoeMailboxDriver driver = f.driver();
        DoeException e = assertThrows(DoeException.class, () -> driver.exchange(DoeFixture.GET_VERSION_OBJECT));
        assertEquals(DoeError.UNEXPECTED_RESPONSE, e.error());
        assertTrue(e.getMessage().contains("expected [vendor, type] = [0001, 01]"), e.getMessage());
        assertArrayEquals(DoeFixture.VERSION_OBJECT, driver.exchange(DoeFixture.GET_VERSION_OBJECT));
    }

    @Test
    void doeBusyArmedForTheSecondExchangeLetsTheFirstSucceed() throws DoeException {
        FaultPlan plan = FaultPlan.builder(3).arm(FaultPoint.DOE_BUSY, FaultTrigger.nth(2)).build();
        DoeFixture f = new DoeFixture(DoeMailboxConfig.synchronous(), plan, false);
        DoeMailboxDriver driver = f.driver();
        assertArrayEquals(DoeFixture.VERSION_OBJECT, driver.exchange(DoeFixture.GET_VERSION_OBJECT));
        DoeException e = assertThrows(DoeException.class, () -> driver.exchange(DoeFixture.GET_VERSION_OBJECT));
        assertEquals(DoeError.BUSY, e.error());
    }

    @Test
    void abortThatNeverClearsBusyLeavesTheMailboxDead() {
        ConfigAccessor stuck = new ConfigAccessor() {
            public int read(int offset, int size) {
                return offset == 0x100 + DOE_STATUS ? DOE_STATUS_BUSY : 0;
            }

            public void write(int offset, int size, int value) {
            }
        };
        DoeMailboxDriver driver = new DoeMailboxDriver(stuck, 0x100, 4, Tracer.NONE, "tsm");
        DoeException first = assertThrows(DoeException.class, () -> driver.exchange(DoeFixture.GET_VERSION_OBJECT));
        assertEquals(DoeError.MAILBOX_DEAD, first.error());
        assertTrue(driver.dead());
        DoeException later = assertThrows(DoeException.class, () -> driver.exchange(DoeFixture.GET_VERSION_OBJECT));
        assertEquals(DoeError.MAILBOX_DEAD, later.error());
    }

    @Test
    void backendResponseWithAnInconsistentLengthReachesTheDriverAsError() {
        DoeFixture f = new DoeFixture(DoeMailboxConfig.synchronous(), io.teeio.platform.fault.FaultInjector.NONE, false,
                request -> java.util.Optional.of(new byte[] {1, 0, 1, 0, 1, 0, 0, 0}));
        DoeException e = assertThrows(DoeException.class, () -> f.driver().exchange(DoeFixture.GET_VERSION_OBJECT));
        assertEquals(DoeError.ERROR, e.error());
    }

    @Test
    void responseHeaderLengthBelowTwoDwordsIsMalformed() {
        // a non-conforming device: Ready with a response whose Length field says 1 DW
        int[] script = {0x00010001, 1};
        int[] next = {0};
        ConfigAccessor device = new ConfigAccessor() {
            public int read(int offset, int size) {
                if (offset == 0x100 + DOE_STATUS) {
                    return DOE_STATUS_DATA_OBJECT_READY;
                }
                return offset == 0x100 + DOE_READ ? script[Math.min(next[0], 1)] : 0;
            }

            public void write(int offset, int size, int value) {
                if (offset == 0x100 + DOE_READ) {
                    next[0]++;
                }
            }
        };
        DoeMailboxDriver driver = new DoeMailboxDriver(device, 0x100, 4, Tracer.NONE, "tsm");
        DoeException e = assertThrows(DoeException.class, () -> driver.exchange(DoeFixture.GET_VERSION_OBJECT));
        assertEquals(DoeError.MALFORMED_RESPONSE, e.error());
    }

    @Test
    void findLocatesTheDoeCapabilityByWalking() {
        DoeFixture f = new DoeFixture();
        assertEquals(f.cap, DoeMailboxDriver.find(f.config).getAsInt());
    }

    @Test
    void doeExceptionIsAnIoExceptionNamingItsKind() {
        DoeException e = new DoeException(DoeError.TIMEOUT, "x");
        assertInstanceOf(java.io.IOException.class, e);
        assertTrue(e.getMessage().startsWith("TIMEOUT"));
    }
}
