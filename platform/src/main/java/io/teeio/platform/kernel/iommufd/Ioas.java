package io.teeio.platform.kernel.iommufd;

import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** An IO address space: IOVA ranges mapped to the VMM's (user) memory. */
public final class Ioas extends IommufdObject {
    /** One IOMMU_IOAS_MAP area. */
    public record Area(long iova, long length, long userVa, boolean writeable, boolean readable) {
        long end() {
            return iova + length;
        }

        boolean overlaps(long s, long e) {
            return s < end() && e > iova;
        }
    }

    private final TreeMap<Long, Area> areas = new TreeMap<>();

    Ioas(IommufdCtx ctx) {
        super(ctx);
    }

    @Override
    public ObjectType type() {
        return ObjectType.IOAS;
    }

    @Override
    public String detail() {
        return areas.size() + " area(s)";
    }

    List<Area> areas() {
        return List.copyOf(areas.values());
    }

    boolean overlaps(long iova, long length) {
        return areas.values().stream().anyMatch(a -> a.overlaps(iova, iova + length));
    }

    void add(Area a) {
        areas.put(a.iova(), a);
    }

    void remove(Area a) {
        areas.remove(a.iova());
    }

    void clear() {
        areas.clear();
    }

    /** The area covering the whole [iova, iova + length), if one does. */
    Optional<Area> translate(long iova, long length) {
        return areas.values().stream().filter(a -> iova >= a.iova() && iova + length <= a.end()).findFirst();
    }
}
