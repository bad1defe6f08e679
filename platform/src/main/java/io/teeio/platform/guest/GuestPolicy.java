package io.teeio.platform.guest;

import io.teeio.spdm.codec.Bytes;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a CVM requires of a device before it accepts it: the roots its certificate chain must lead to, the
 * reference value of each measurement it checks (index to the DMTF measurement value, a digest), the MMIO
 * layout of the interface report, and INTERFACE_INFO bits that must be set.
 */
public record GuestPolicy(List<X509Certificate> trustAnchors, Map<Integer, Bytes> referenceMeasurements,
        List<ExpectedMmioRange> mmioRanges, int requiredInterfaceInfo) {

    public GuestPolicy {
        trustAnchors = List.copyOf(trustAnchors);
        referenceMeasurements = java.util.Collections.unmodifiableMap(new TreeMap<>(referenceMeasurements));
        mmioRanges = List.copyOf(mmioRanges);
        if (trustAnchors.isEmpty()) {
            throw new IllegalArgumentException("a guest policy needs at least one trust anchor");
        }
    }

    public GuestPolicy withMmioRanges(List<ExpectedMmioRange> ranges) {
        return new GuestPolicy(trustAnchors, referenceMeasurements, ranges, requiredInterfaceInfo);
    }

    public GuestPolicy withReferenceMeasurements(Map<Integer, Bytes> references) {
        return new GuestPolicy(trustAnchors, references, mmioRanges, requiredInterfaceInfo);
    }
}
