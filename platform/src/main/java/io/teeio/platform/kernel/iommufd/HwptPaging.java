package io.teeio.platform.kernel.iommufd;

/** A paging hardware page table over an IOAS; auto-created by an attach to an IOAS, or explicit (NEST_PARENT). */
public final class HwptPaging extends IommufdObject {
    private final Ioas ioas;
    private final boolean autoDomain;
    private final boolean nestParent;

    HwptPaging(IommufdCtx ctx, Ioas ioas, boolean autoDomain, boolean nestParent) {
        super(ctx);
        this.ioas = ioas;
        this.autoDomain = autoDomain;
        this.nestParent = nestParent;
    }

    public Ioas ioas() {
        return ioas;
    }

    public boolean autoDomain() {
        return autoDomain;
    }

    public boolean nestParent() {
        return nestParent;
    }

    @Override
    public ObjectType type() {
        return ObjectType.HWPT_PAGING;
    }

    @Override
    public String detail() {
        return "ioas " + ioas.id() + (autoDomain ? " auto" : "") + (nestParent ? " nest_parent" : "");
    }
}
