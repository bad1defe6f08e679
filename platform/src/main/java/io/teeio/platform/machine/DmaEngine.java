package io.teeio.platform.machine;

import io.teeio.platform.device.DmaOutcome;
import io.teeio.platform.device.PciFunction;
import io.teeio.platform.guest.GuestException;
import io.teeio.platform.guest.TdispGuestDriver;
import io.teeio.spdm.codec.Bytes;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The emulated device's DMA engine, one per function, programmed through BAR 0: a descriptor (source offset
 * in BAR 0, destination address, length) and a doorbell. Writing the doorbell copies the bytes out by DMA,
 * which the function issues with T while its TDI is RUN.
 */
public final class DmaEngine {
    public static final long DESC_SOURCE = 0xF00;
    public static final long DESC_DESTINATION = 0xF08;
    public static final long DESC_LENGTH = 0xF10;
    public static final long DOORBELL = 0xF18;
    public static final long STATUS = 0xF20;
    public static final int STATUS_DONE = 1;
    public static final int STATUS_FAILED = 2;

    private DmaEngine() {
    }

    /**
     * What a guest driver does to start a copy: programs the descriptor through the TDI's MMIO and rings the
     * doorbell. The outcome is in {@link #STATUS} afterwards.
     */
    public static void startCopy(TdispGuestDriver driver, long sourceOffset, long destination, int length)
            throws GuestException {
        driver.mmioWrite(DESC_SOURCE, Bytes.of(le64bytes(sourceOffset)));
        driver.mmioWrite(DESC_DESTINATION, Bytes.of(le64bytes(destination)));
        driver.mmioWrite(DESC_LENGTH, Bytes.of(le64bytes(length)));
        driver.mmioWrite(DOORBELL, Bytes.of(le64bytes(1)));
    }

    /** Called after a write to BAR 0 reached the function; rings when it was the doorbell. */
    static DmaOutcome doorbellWritten(PciFunction fn) {
        var bar = fn.memory(0);
        long src = le64(bar.read(DESC_SOURCE, 8));
        long dst = le64(bar.read(DESC_DESTINATION, 8));
        int len = (int) le64(bar.read(DESC_LENGTH, 8));
        DmaOutcome o = fn.dmaWrite(dst, bar.read(src, len));
        bar.write(STATUS, Bytes.of(le64bytes(o.completed() ? STATUS_DONE : STATUS_FAILED)));
        return o;
    }

    static long le64(Bytes b) {
        return ByteBuffer.wrap(b.toByteArray()).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    public static byte[] le64bytes(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array();
    }
}
