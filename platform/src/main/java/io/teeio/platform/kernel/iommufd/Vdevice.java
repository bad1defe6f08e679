package io.teeio.platform.kernel.iommufd;

/** A vDEVICE: a device under a vIOMMU with the guest's virtual id; the handle TSM bind works through. */
public final class Vdevice extends IommufdObject {
    private final Viommu viommu;
    private final IommufdDevice idev;
    private final long virtId;
    private boolean tsmBound;

    Vdevice(IommufdCtx ctx, Viommu viommu, IommufdDevice idev, long virtId) {
        super(ctx);
        this.viommu = viommu;
        this.idev = idev;
        this.virtId = virtId;
    }

    public Viommu viommu() {
        return viommu;
    }

    public IommufdDevice idev() {
        return idev;
    }

    public long virtId() {
        return virtId;
    }

    public boolean tsmBound() {
        return tsmBound;
    }

    void setTsmBound(boolean bound) {
        tsmBound = bound;
    }

    @Override
    public ObjectType type() {
        return ObjectType.VDEVICE;
    }

    @Override
    public String detail() {
        return "viommu " + viommu.id() + " dev " + idev.id() + " virt_id 0x" + Long.toHexString(virtId)
                + (tsmBound ? " TSM-bound" : "");
    }
}
