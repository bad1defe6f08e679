package io.teeio.platform.kernel.iommufd;

import java.util.List;

/** Immutable view of every iommufd context (open or released) and the IOMMU's trusted-DMA entries. */
public record IommufdSnapshot(List<Ctx> contexts, List<String> trustedDma) {
    public IommufdSnapshot {
        contexts = List.copyOf(contexts);
        trustedDma = List.copyOf(trustedDma);
    }

    public record Ctx(String name, boolean fdOpen, int refs, boolean exclusiveRanges, List<Obj> objects) {
        public Ctx {
            objects = List.copyOf(objects);
        }
    }

    public record Obj(int id, ObjectType type, int users, String detail) {
    }

    /** Objects alive in any context. */
    public List<Obj> liveObjects() {
        return contexts.stream().flatMap(c -> c.objects().stream()).toList();
    }
}
