package io.teeio.platform.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Errno values, the exception's message, PCI addresses and the observable mutex. */
class KernelBasicsTest {

    @Test
    void errnosHaveTheirLinuxNumbers() {
        assertEquals(16, Errno.EBUSY.number());
        assertEquals(22, Errno.EINVAL.number());
        assertEquals(6, Errno.ENXIO.number());
        assertEquals(25, Errno.ENOTTY.number());
        assertEquals(95, Errno.EOPNOTSUPP.number());
    }

    @Test
    void aKernelExceptionNamesTheCallTheErrnoAndTheReason() {
        KernelException e = new KernelException(Errno.EBUSY, "VFIO_DEVICE_RESET", "TDI is bound");
        assertEquals("VFIO_DEVICE_RESET: EBUSY (TDI is bound)", e.getMessage());
        KernelException outer = e.as("ioctl");
        assertEquals(Errno.EBUSY, outer.errno());
        assertTrue(outer.getMessage().startsWith("ioctl: EBUSY (VFIO_DEVICE_RESET: TDI is bound"));
    }

    @Test
    void aBdfPrintsAsLinuxNamesIt() {
        assertEquals("0000:01:00.1", Bdf.of(1, 0, 1).toString());
        assertEquals(0x0101, Bdf.of(1, 0, 1).routingId());
        assertEquals(Bdf.of(1, 0, 0), Bdf.of(1, 0, 3).function0());
    }

    @Test
    void aMalformedBdfIsRejectedNamingTheText() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Bdf.parse("01:00.1"));
        assertTrue(e.getMessage().contains("01:00.1"));
    }

    @Property
    void bdfTextRoundTrips(@ForAll @IntRange(max = 0xffff) int seg, @ForAll @IntRange(max = 0xff) int bus,
            @ForAll @IntRange(max = 0x1f) int dev, @ForAll @IntRange(max = 7) int fn) {
        Bdf b = new Bdf(seg, bus, dev, fn);
        assertEquals(b, Bdf.parse(b.toString()));
    }

    @Test
    void aMutexShowsWhoHoldsItAndIsFreeAfterTheGuardCloses() {
        KernelMutex m = new KernelMutex("dev_set lock");
        try (KernelMutex.Guard g = m.lock("VFIO_DEVICE_TSM_UNBIND")) {
            assertTrue(m.isHeld());
            assertEquals("VFIO_DEVICE_TSM_UNBIND", m.holder());
        }
        assertFalse(m.isHeld());
    }

    @Test
    void takingAMutexThatWasNeverReleasedIsReportedAsTheDeadlockItWouldBe() {
        KernelMutex m = new KernelMutex("dev_set lock");
        m.lock("unbind that forgot to unlock");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.lock("next ioctl"));
        assertTrue(e.getMessage().contains("deadlock"), e.getMessage());
    }
}
