package io.teeio.platform.kernel.iommufd;

/**
 * An object in a context's table: its id (lowest free, from 1), creation order (for reverse-order teardown) and
 * users (other objects or bindings that keep it; IOMMU_DESTROY is EBUSY while any).
 */
public abstract sealed class IommufdObject permits Ioas, HwptPaging, IommufdDevice, Viommu, Vdevice {
    private final IommufdCtx ctx;
    private int id;
    private long seq;
    private int users;

    IommufdObject(IommufdCtx ctx) {
        this.ctx = ctx;
    }

    public final IommufdCtx ctx() {
        return ctx;
    }

    public final int id() {
        return id;
    }

    final long seq() {
        return seq;
    }

    void assign(int newId, long newSeq) {
        id = newId;
        seq = newSeq;
    }

    public final int users() {
        return users;
    }

    final void addUser() {
        users++;
    }

    final void dropUser() {
        if (users == 0) {
            throw new IllegalStateException("unbalanced user drop on " + this);
        }
        users--;
    }

    public abstract ObjectType type();

    /** What the object refers to, for snapshots and traces. */
    public abstract String detail();

    @Override
    public String toString() {
        return type() + " " + id;
    }
}
