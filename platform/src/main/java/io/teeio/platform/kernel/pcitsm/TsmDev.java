package io.teeio.platform.kernel.pcitsm;

/** A registered platform TSM, /sys/class/tsm/tsmN. */
public final class TsmDev {
    private final int id;
    private final PciTsmOps ops;

    TsmDev(int id, PciTsmOps ops) {
        this.id = id;
        this.ops = ops;
    }

    public int id() {
        return id;
    }

    /** "tsmN". */
    public String name() {
        return "tsm" + id;
    }

    public PciTsmOps ops() {
        return ops;
    }

    public boolean isLink() {
        return ops.link() != null;
    }

    @Override
    public String toString() {
        return name();
    }
}
