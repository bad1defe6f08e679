package io.teeio.platform.kernel.pci;

/**
 * A user mapping of host physical MMIO made through /dev/mem or a sysfs resource file. revoke_iomem() zaps it
 * when a driver claims the range exclusively; after that every access faults (SIGBUS).
 */
public final class IomemMapping {
    private final PciCore pci;
    private final HostAccessPath path;
    private final String actor;
    private final long start;
    private final long size;
    private boolean revoked;
    private String revokedBecause = "";
    private boolean unmapped;

    IomemMapping(PciCore pci, HostAccessPath path, String actor, long start, long size) {
        this.pci = pci;
        this.path = path;
        this.actor = actor;
        this.start = start;
        this.size = size;
    }

    public HostAccessPath path() {
        return path;
    }

    public String actor() {
        return actor;
    }

    public long start() {
        return start;
    }

    public long size() {
        return size;
    }

    public boolean isRevoked() {
        return revoked;
    }

    boolean overlaps(long s, long e) {
        return s <= start + size - 1 && e >= start;
    }

    void revoke(String why) {
        revoked = true;
        revokedBecause = why;
    }

    public HostAccess read(long offset, int width) {
        return access(offset, width, false, 0);
    }

    public HostAccess write(long offset, int width, long value) {
        return access(offset, width, true, value);
    }

    private HostAccess access(long offset, int width, boolean write, long value) {
        String target = String.format("0x%x", start + offset);
        if (unmapped) {
            return pci.refuse(path, actor, target, "SIGSEGV: mapping was unmapped");
        }
        if (offset < 0 || offset + width > size) {
            return pci.refuse(path, actor, target, "SIGBUS: outside the mapping");
        }
        if (revoked) {
            return pci.refuse(path, actor, target, "SIGBUS: mapping revoked (" + revokedBecause + ")");
        }
        return pci.hostMmio(path, actor, start + offset, width, write, value);
    }

    public void munmap() {
        if (!unmapped) {
            unmapped = true;
            pci.resources().unregister(this);
        }
    }
}
