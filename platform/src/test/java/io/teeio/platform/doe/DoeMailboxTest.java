package io.teeio.platform.doe;

import static io.teeio.platform.pci.PciRegs.*;
import static org.junit.jupiter.api.Assertions.*;

import io.teeio.platform.fault.FaultInjector;
import java.io.ByteArrayOutputStream;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The mailbox at register level, driven the way Linux's drivers/pci/doe.c drives it. */
class DoeMailboxTest {

    @Test
    void linuxRegisterSequenceExchangesGetVersionForVersion() {
        DoeFixture f = new DoeFixture();
        int status = f.status();
        assertEquals(0, status & (DOE_STATUS_BUSY | DOE_STATUS_ERROR), "idle before the request");
        f.writeDw(0x0001 | 0x01 << 16);            // header DW0: PCI-SIG, CMA/SPDM
        f.writeDw(3);                               // header DW1: Length in DW
        f.writeDw(0x00008410);                      // 10 84 00 00
        f.go();
        int polls = 0;
        while ((f.status() & (DOE_STATUS_DATA_OBJECT_READY | DOE_STATUS_ERROR)) == 0 && polls < 128) {
            polls++;
        }
        assertEquals(0, f.status() & DOE_STATUS_ERROR);
        int dw0 = f.readDw();
        f.pop();
        int dw1 = f.readDw();
        f.pop();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        putLe(got, dw0);
        putLe(got, dw1);
        for (int i = 2; i < (dw1 & 0x3FFFF); i++) {
            putLe(got, f.readDw());
            f.pop();
        }
        assertArrayEquals(DoeFixture.VERSION_OBJECT, got.toByteArray());
        assertEquals(0, f.status() & (DOE_STATUS_DATA_OBJECT_READY | DOE_STATUS_ERROR), "empty and clean afterwards");
    }

    @Test
    void backendReceivesTheWholeObjectAsWritten() {
        DoeFixture f = new DoeFixture();
        f.writeObject(DoeFixture.GET_VERSION_OBJECT);
        f.go();
        assertArrayEquals(DoeFixture.GET_VERSION_OBJECT, f.requests.get(0));
    }

    @Test
    void busyStaysSetUntilTheLatencyPollsHaveElapsed() {
        DoeFixture f = new DoeFixture(DoeMailboxConfig.withLatency(3), FaultInjector.NONE, false);
        f.writeObject(DoeFixture.GET_VERSION_OBJECT);
        f.go();
        assertEquals(DOE_STATUS_BUSY, f.status() & (DOE_STATUS_BUSY | DOE_STATUS_DATA_OBJECT_READY));
        assertEquals(DOE_STATUS_BUSY, f.status() & (DOE_STATUS_BUSY | DOE_STATUS_DATA_OBJECT_READY));
        assertEquals(DOE_STATUS_DATA_OBJECT_READY, f.status() & (DOE_STATUS_BUSY | DOE_STATUS_DATA_OBJECT_READY));
    }

    @Test
    void backendRunsOnlyWhenTheBusyPeriodEnds() {
        DoeFixture f = new DoeFixture(DoeMailboxConfig.withLatency(2), FaultInjector.NONE, false);
        f.writeObject(DoeFixture.GET_VERSION_OBJECT);
        f.go();
        f.status();
        assertTrue(f.requests.isEmpty());
        f.status();
        assertEquals(1, f.requests.size());
    }

    @Test
    void abortAndGoReadBackAsZero() {
        DoeFixture f = new DoeFixture();
        f.config.writeDword(f.cap + DOE_CTRL, DOE_CTRL_GO);
        assertEquals(0, f.config.readDword(f.cap + DOE_CTRL) & (DOE_CTRL_GO | DOE_CTRL_ABORT));
        f.abort();
        assertEquals(0, f.config.readDword(f.cap + DOE_CTRL) & (DOE_CTRL_GO | DOE_CTRL_ABORT));
    }

    @Test
    void abortDiscardsAPartlyWrittenRequest() {
        DoeFixture f = new DoeFixture();
        f.writeDw(0x00010001);
        f.writeDw(3);
        f.abort();
        f.writeObject(DoeFixture.GET_VERSION_OBJECT);
        f.go();
        assertArrayEquals(DoeFixture.GET_VERSION_OBJECT, f.requests.get(0));
    }

    @Test
    void abortDiscardsAReadyResponse() {
        DoeFixture f = new DoeFixture();
        f.writeObject(DoeFixture.GET_VERSION_OBJECT);
        f.go();
        f.readDw();
        f.pop();
        f.abort();
        assertEquals(0, f.status() & DOE_STATUS_DATA_OBJECT_READY);
        assertEquals(0, f.readDw());
    }

    @Test
    void abortClearsError() {
        DoeFixture f = new DoeFixture();
        f.pop();
        assertEquals(DOE_STATUS_ERROR, f.status() & DOE_STATUS_ERROR);
        f.abort();
        assertEquals(0, f.status() & DOE_STATUS_ERROR);
    }

    @Test
    void lengthMismatchDiscardsTheRequestAndSetsError() {
        DoeFixture f = new DoeFixture();
        f.writeDw(0x00010001);
        f.writeDw(4); // says 4 DW, only 3 written
        f.writeDw(0x00008410);
        f.go();
        assertTrue(f.requests.isEmpty(), "the backend never sees it");
        assertEquals(DOE_STATUS_ERROR, f.status() & (DOE_STATUS_ERROR | DOE_STATUS_DATA_OBJECT_READY));
    }

    @Test
    void lengthMismatchUnderTheQemuPolicyIsDiscardedSilently() {
        DoeFixture f = new DoeFixture(DoeMailboxConfig.synchronous().withLengthMismatch(LengthMismatchPolicy.DISCARD_SILENTLY),
                FaultInjector.NONE, false);
        f.writeDw(0x00010001);
        f.writeDw(2);
        f.writeDw(0x00008410);
        f.go();
        assertTrue(f.requests.isEmpty());
        assertEquals(0, f.status() & (DOE_STATUS_ERROR | DOE_STATUS_DATA_OBJECT_READY | DOE_STATUS_BUSY));
    }

    @Test
    void requestShorterThanTheHeaderIsALengthMismatch() {
        DoeFixture f = new DoeFixture();
        f.writeDw(0x00010001);
        f.go();
        assertEquals(DOE_STATUS_ERROR, f.status() & DOE_STATUS_ERROR);
    }

    @Test
    void poppingPastTheEndSetsError() {
        DoeFixture f = new DoeFixture();
        f.writeObject(DoeFixture.GET_VERSION_OBJECT);
        f.go();
        for (int i = 0; i < DoeFixture.VERSION_OBJECT.length / 4; i++) {
            f.pop();
        }
        assertEquals(0, f.status() & DOE_STATUS_ERROR);
        f.pop();
        assertEquals(DOE_STATUS_ERROR, f.status() & DOE_STATUS_ERROR);
    }

    @Test
    void readingWithNothingReadyReturnsZero() {
        DoeFixture f = new DoeFixture();
        assertEquals(0, f.readDw());
    }

    @Test
    void goWhileErrorIsSetIsIgnoredUntilAbort() {
        DoeFixture f = new DoeFixture();
        f.pop();
        f.writeObject(DoeFixture.GET_VERSION_OBJECT);
        f.go();
        assertTrue(f.requests.isEmpty());
        f.abort();
        f.writeObject(DoeFixture.GET_VERSION_OBJECT);
        f.go();
        assertEquals(1, f.requests.size());
    }

    @Test
    void narrowWritesToTheWriteMailboxAreDropped() {
        DoeFixture f = new DoeFixture();
        f.config.writeWord(f.cap + DOE_WRITE, 0x0001);
        assertEquals(0, f.mailbox.requestDwordsWritten());
    }

    @Test
    void interruptStatusIsSetWhenReadyIfEnabledAndClearedByWritingOne() {
        DoeFixture f = new DoeFixture(DoeMailboxConfig.synchronous(), FaultInjector.NONE, true);
        f.config.writeDword(f.cap + DOE_CTRL, DOE_CTRL_INT_EN);
        f.writeObject(DoeFixture.GET_VERSION_OBJECT);
        f.config.writeDword(f.cap + DOE_CTRL, DOE_CTRL_INT_EN | DOE_CTRL_GO);
        assertEquals(DOE_STATUS_INT_STATUS, f.status() & DOE_STATUS_INT_STATUS);
        assertEquals(java.util.List.of(5), f.interrupts);
        f.config.writeDword(f.cap + DOE_STATUS, DOE_STATUS_INT_STATUS);
        assertEquals(0, f.status() & DOE_STATUS_INT_STATUS);
        assertEquals(DOE_STATUS_DATA_OBJECT_READY, f.status() & DOE_STATUS_DATA_OBJECT_READY, "RW1C leaves Ready alone");
    }

    @Test
    void interruptStatusIsSetOnErrorIfEnabled() {
        DoeFixture f = new DoeFixture(DoeMailboxConfig.synchronous(), FaultInjector.NONE, true);
        f.config.writeDword(f.cap + DOE_CTRL, DOE_CTRL_INT_EN);
        f.pop();
        assertEquals(DOE_STATUS_INT_STATUS | DOE_STATUS_ERROR, f.status() & (DOE_STATUS_INT_STATUS | DOE_STATUS_ERROR));
    }

    @Test
    void noInterruptStatusWhenInterruptsAreDisabled() {
        DoeFixture f = new DoeFixture(DoeMailboxConfig.synchronous(), FaultInjector.NONE, true);
        f.writeObject(DoeFixture.GET_VERSION_OBJECT);
        f.go();
        assertEquals(0, f.status() & DOE_STATUS_INT_STATUS);
        assertTrue(f.interrupts.isEmpty());
    }

    @Test
    void interruptEnableIsReadOnlyZeroWithoutInterruptSupport() {
        DoeFixture f = new DoeFixture();
        f.config.writeDword(f.cap + DOE_CTRL, DOE_CTRL_INT_EN);
        assertEquals(0, f.config.readDword(f.cap + DOE_CTRL));
    }

    @Test
    void capabilitiesRegisterAdvertisesInterruptSupportAndVector() {
        DoeFixture f = new DoeFixture(DoeMailboxConfig.synchronous(), FaultInjector.NONE, true);
        assertEquals(DOE_CAP_INT_SUP | 5 << 1, f.config.readDword(f.cap + DOE_CAP));
    }

    @Test
    void unansweredRequestLeavesTheMailboxIdleWithoutReady() {
        DoeFixture f = new DoeFixture();
        f.writeObject(new byte[] {1, 0, 1, 0, 3, 0, 0, 0, 0x10, (byte) 0xE0, 0, 0});
        f.go();
        assertEquals(1, f.requests.size());
        assertEquals(0, f.status() & (DOE_STATUS_BUSY | DOE_STATUS_DATA_OBJECT_READY | DOE_STATUS_ERROR));
    }

    @Test
    void backendResponseWhoseLengthDisagreesWithItsSizeSetsError() {
        DoeFixture f = new DoeFixture(DoeMailboxConfig.synchronous(), FaultInjector.NONE, false,
                request -> Optional.of(new byte[] {1, 0, 1, 0, 9, 0, 0, 0}));
        f.writeObject(DoeFixture.GET_VERSION_OBJECT);
        f.go();
        assertEquals(DOE_STATUS_ERROR, f.status() & (DOE_STATUS_ERROR | DOE_STATUS_DATA_OBJECT_READY));
    }

    @Test
    void resetDiscardsAnExchangeInFlight() {
        DoeFixture f = new DoeFixture(DoeMailboxConfig.withLatency(5), FaultInjector.NONE, false);
        f.writeObject(DoeFixture.GET_VERSION_OBJECT);
        f.go();
        f.config.reset();
        assertEquals(0, f.status() & (DOE_STATUS_BUSY | DOE_STATUS_DATA_OBJECT_READY));
        assertTrue(f.requests.isEmpty());
    }

    private static void putLe(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }
}
