package io.teeio.spdm.message;

import java.nio.charset.StandardCharsets;

/** An SPDM version as it appears in the header byte: major nibble high, minor nibble low. */
public record SpdmVersion(int major, int minor) implements Comparable<SpdmVersion> {
    public static final SpdmVersion V1_0 = new SpdmVersion(1, 0);
    public static final SpdmVersion V1_1 = new SpdmVersion(1, 1);
    public static final SpdmVersion V1_2 = new SpdmVersion(1, 2);
    public static final SpdmVersion V1_3 = new SpdmVersion(1, 3);
    public static final SpdmVersion V1_4 = new SpdmVersion(1, 4);

    public SpdmVersion {
        if (major < 0 || major > 15 || minor < 0 || minor > 15) {
            throw new IllegalArgumentException("version nibbles out of range: " + major + "." + minor);
        }
    }

    public static SpdmVersion fromHeaderByte(int b) {
        return new SpdmVersion((b >> 4) & 0xF, b & 0xF);
    }

    public int headerByte() {
        return major << 4 | minor;
    }

    /** The 16-bit version number entry (update and alpha zero), as VERSION and opaque data carry it. */
    public int versionNumber() {
        return major << 12 | minor << 8;
    }

    public static SpdmVersion fromVersionNumber(int entry) {
        return new SpdmVersion((entry >> 12) & 0xF, (entry >> 8) & 0xF);
    }

    public boolean atLeast(SpdmVersion other) {
        return compareTo(other) >= 0;
    }

    /** "dmtf-spdm-v1.2.*": one of the four repetitions of the 1.2+ signing prefix. */
    public byte[] signingPrefixUnit() {
        return ("dmtf-spdm-v" + major + "." + minor + ".*").getBytes(StandardCharsets.US_ASCII);
    }

    /** "spdm1.2 ": the version string of BinConcat in the key schedule. */
    public byte[] binConcatLabel() {
        return ("spdm" + major + "." + minor + " ").getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public int compareTo(SpdmVersion o) {
        return Integer.compare(headerByte(), o.headerByte());
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
