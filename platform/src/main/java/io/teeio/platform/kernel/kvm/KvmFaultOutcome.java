package io.teeio.platform.kernel.kvm;

import java.util.Objects;

/** What KVM did with a guest page fault. */
public record KvmFaultOutcome(Kind kind, String detail) {
    public enum Kind {
        MAPPED_SHARED_MEMORY,
        MAPPED_PRIVATE_MEMORY,
        MAPPED_SHARED_MMIO,
        MAPPED_PRIVATE_MMIO,
        /** KVM_EXIT_MEMORY_FAULT: the access's private/shared-ness differs from the page's attribute. */
        MEMORY_FAULT_EXIT,
        /** No memslot: an emulated MMIO exit to the VMM. */
        MMIO_EXIT,
        /** The backing refused the mapping (revoked dma-buf, TDI not RUN, not the owner VM...). */
        REFUSED
    }

    public KvmFaultOutcome {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }

    public boolean mapped() {
        return kind.name().startsWith("MAPPED");
    }
}
