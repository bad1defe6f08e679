package io.teeio.spdm.message;

/** A 16-bit version number entry: major[15:12], minor[11:8], update[7:4], alpha[3:0]. */
public record VersionNumberEntry(int major, int minor, int update, int alpha) {
    public VersionNumberEntry {
        for (int n : new int[] {major, minor, update, alpha}) {
            if (n < 0 || n > 15) {
                throw new IllegalArgumentException("version number nibble out of range: " + n);
            }
        }
    }

    public static VersionNumberEntry of(SpdmVersion v) {
        return new VersionNumberEntry(v.major(), v.minor(), 0, 0);
    }

    public static VersionNumberEntry fromWire(int value) {
        return new VersionNumberEntry(value >> 12 & 0xF, value >> 8 & 0xF, value >> 4 & 0xF, value & 0xF);
    }

    public int toWire() {
        return major << 12 | minor << 8 | update << 4 | alpha;
    }

    /** The version for compatibility purposes: update and alpha are ignored. */
    public SpdmVersion version() {
        return new SpdmVersion(major, minor);
    }
}
