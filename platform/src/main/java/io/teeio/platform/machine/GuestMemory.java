package io.teeio.platform.machine;

import io.teeio.platform.device.SparseMemory;
import io.teeio.spdm.codec.Bytes;

/** A CVM's RAM: pages exist only once written, so a machine with many guests stays small. */
public final class GuestMemory {
    private final SparseMemory memory;
    private final long privateEnd;

    public GuestMemory(long size, long privateEnd) {
        this.memory = new SparseMemory(size);
        this.privateEnd = privateEnd;
    }

    public Bytes read(long gpa, int length) {
        return memory.read(gpa, length);
    }

    public void write(long gpa, Bytes data) {
        memory.write(gpa, data);
    }

    public boolean isPrivate(long gpa) {
        return gpa < privateEnd;
    }

    public long privateEnd() {
        return privateEnd;
    }
}
