package io.teeio.platform.kernel.kvm;

import java.util.ArrayList;
import java.util.List;

/** A set of guest-physical addresses kept as sorted, disjoint, coalesced ranges. */
final class GpaRangeSet {
    private final List<GpaRange> ranges = new ArrayList<>();

    void add(long start, long end) {
        remove(start, end);
        long s = start;
        long e = end;
        List<GpaRange> keep = new ArrayList<>();
        for (GpaRange r : ranges) {
            if (r.end() == s) {
                s = r.start();
            } else if (r.start() == e) {
                e = r.end();
            } else {
                keep.add(r);
            }
        }
        keep.add(new GpaRange(s, e));
        keep.sort((a, b) -> Long.compare(a.start(), b.start()));
        ranges.clear();
        ranges.addAll(keep);
    }

    void remove(long start, long end) {
        List<GpaRange> out = new ArrayList<>();
        for (GpaRange r : ranges) {
            if (!r.overlaps(start, end)) {
                out.add(r);
                continue;
            }
            if (r.start() < start) {
                out.add(new GpaRange(r.start(), start));
            }
            if (r.end() > end) {
                out.add(new GpaRange(end, r.end()));
            }
        }
        ranges.clear();
        ranges.addAll(out);
    }

    /** Whether every address of [start, end) is in the set. */
    boolean covers(long start, long end) {
        return ranges.stream().anyMatch(r -> r.start() <= start && r.end() >= end);
    }

    boolean overlaps(long start, long end) {
        return ranges.stream().anyMatch(r -> r.overlaps(start, end));
    }

    boolean contains(long gpa) {
        return ranges.stream().anyMatch(r -> r.contains(gpa));
    }

    List<GpaRange> ranges() {
        return List.copyOf(ranges);
    }
}
