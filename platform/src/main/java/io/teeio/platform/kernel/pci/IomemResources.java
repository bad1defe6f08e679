package io.teeio.platform.kernel.pci;

import io.teeio.platform.kernel.Errno;
import io.teeio.platform.kernel.KernelException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The busy part of the iomem resource tree (kernel/resource.c): who claimed which physical range. Two busy
 * claims never overlap; an exclusive claim also revokes (revoke_iomem) and refuses /dev/mem and sysfs mappings.
 */
public final class IomemResources {
    private final List<ResourceClaim> claims = new ArrayList<>();
    private final List<IomemMapping> mappings = new ArrayList<>();

    /** __request_region(): EBUSY naming the holder when any busy claim overlaps. */
    public ResourceClaim request(long start, long size, String owner, boolean exclusive, String call) {
        long end = start + size - 1;
        for (ResourceClaim c : claims) {
            if (c.overlaps(start, end)) {
                throw new KernelException(Errno.EBUSY, call, String.format("[0x%x-0x%x] already claimed by %s%s",
                        start, end, c.owner(), c.exclusive() ? " (exclusive)" : ""));
            }
        }
        ResourceClaim claim = new ResourceClaim(start, end, owner, exclusive);
        claims.add(claim);
        claims.sort(Comparator.comparingLong(ResourceClaim::start));
        if (exclusive) {
            for (IomemMapping m : mappings) {
                if (m.overlaps(start, end)) {
                    m.revoke("revoke_iomem: " + owner + " claimed the range exclusively");
                }
            }
        }
        return claim;
    }

    public void release(ResourceClaim claim) {
        if (!claims.remove(claim)) {
            throw new IllegalStateException("releasing a resource that is not claimed: " + claim);
        }
    }

    public Optional<ResourceClaim> claimAt(long addr) {
        return claims.stream().filter(c -> c.contains(addr)).findFirst();
    }

    /** iomem_is_exclusive(). */
    public boolean isExclusive(long addr) {
        return claimAt(addr).map(ResourceClaim::exclusive).orElse(false);
    }

    public List<ResourceClaim> claims() {
        return List.copyOf(claims);
    }

    void register(IomemMapping mapping) {
        mappings.add(mapping);
    }

    void unregister(IomemMapping mapping) {
        mappings.remove(mapping);
    }

    List<IomemMapping> mappings() {
        return List.copyOf(mappings);
    }
}
