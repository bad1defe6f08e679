package io.teeio.platform.kernel.kvm;

/** A guest-physical range [start, end). */
public record GpaRange(long start, long end) {
    public GpaRange {
        if (end <= start) {
            throw new IllegalArgumentException("empty range");
        }
    }

    public boolean contains(long gpa) {
        return gpa >= start && gpa < end;
    }

    public boolean overlaps(long s, long e) {
        return s < end && e > start;
    }

    @Override
    public String toString() {
        return String.format("[0x%x-0x%x)", start, end);
    }
}
