package io.teeio.platform.device;

import static org.junit.jupiter.api.Assertions.*;

import io.teeio.spdm.codec.Bytes;
import org.junit.jupiter.api.Test;

class SparseMemoryTest {
    @Test
    void unwrittenBytesReadAsZero() {
        SparseMemory m = new SparseMemory(1L << 20);
        assertEquals(Bytes.zeros(16), m.read(0x8000, 16));
        assertEquals(0, m.populatedPages());
    }

    @Test
    void writeAcrossAPageBoundaryReadsBack() {
        SparseMemory m = new SparseMemory(1L << 20);
        Bytes data = Bytes.fromHex("0102030405060708");
        m.write(SparseMemory.PAGE_SIZE - 4, data);
        assertEquals(data, m.read(SparseMemory.PAGE_SIZE - 4, 8));
        assertEquals(2, m.populatedPages());
    }

    @Test
    void onlyTouchedPagesCostMemory() {
        SparseMemory m = new SparseMemory(1L << 30);
        m.write(0, Bytes.of((byte) 1));
        m.write((1L << 30) - 1, Bytes.of((byte) 2));
        assertEquals(2, m.populatedPages());
        assertEquals(2, m.read((1L << 30) - 1, 1).get(0));
    }

    @Test
    void accessBeyondTheEndIsRejected() {
        SparseMemory m = new SparseMemory(4096);
        assertThrows(IllegalArgumentException.class, () -> m.read(4090, 8));
    }

    @Test
    void clearScrubsEverything() {
        SparseMemory m = new SparseMemory(8192);
        m.write(100, Bytes.fromHex("ff"));
        m.clear();
        assertEquals(Bytes.zeros(1), m.read(100, 1));
        assertEquals(0, m.populatedPages());
    }
}
