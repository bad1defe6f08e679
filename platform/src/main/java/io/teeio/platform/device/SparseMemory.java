package io.teeio.platform.device;

import io.teeio.spdm.codec.Bytes;
import java.util.HashMap;
import java.util.Map;

/**
 * The contents of one BAR, kept as a map of 4 KiB pages materialised on first write: unwritten bytes read as
 * 0, so 256 VFs with MiB-sized BARs cost only the pages actually touched.
 */
public final class SparseMemory {
    public static final int PAGE_SIZE = 4096;

    private final long size;
    private final Map<Long, byte[]> pages = new HashMap<>();

    public SparseMemory(long size) {
        if (size <= 0) {
            throw new IllegalArgumentException("memory size must be positive");
        }
        this.size = size;
    }

    public long size() {
        return size;
    }

    public Bytes read(long offset, int length) {
        check(offset, length);
        byte[] out = new byte[length];
        int done = 0;
        while (done < length) {
            long at = offset + done;
            int inPage = (int) (at % PAGE_SIZE);
            int n = Math.min(length - done, PAGE_SIZE - inPage);
            byte[] page = pages.get(at / PAGE_SIZE);
            if (page != null) {
                System.arraycopy(page, inPage, out, done, n);
            }
            done += n;
        }
        return Bytes.of(out);
    }

    public void write(long offset, Bytes data) {
        check(offset, data.length());
        byte[] in = data.toByteArray();
        int done = 0;
        while (done < in.length) {
            long at = offset + done;
            int inPage = (int) (at % PAGE_SIZE);
            int n = Math.min(in.length - done, PAGE_SIZE - inPage);
            byte[] page = pages.computeIfAbsent(at / PAGE_SIZE, k -> new byte[PAGE_SIZE]);
            System.arraycopy(in, done, page, inPage, n);
            done += n;
        }
    }

    /** Pages holding data: what the memory costs. */
    public int populatedPages() {
        return pages.size();
    }

    /** Scrubs everything (FLR, reset). */
    public void clear() {
        pages.clear();
    }

    private void check(long offset, int length) {
        if (offset < 0 || length < 0 || offset + length > size) {
            throw new IllegalArgumentException("access of " + length + " bytes at 0x" + Long.toHexString(offset)
                    + " is outside a memory of 0x" + Long.toHexString(size) + " bytes");
        }
    }
}
