package io.teeio.spdm.message;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.ByteWriter;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The general opaque data format: at 1.2+ (OpaqueDataFmt1) TotalElements(1) Reserved(3); at 1.1 the
 * 8-byte DMTF header (SpecID "FTMD", OpaqueVersion 1, TotalElements, Reserved). Each element is
 * ID(1) VendorLen(1) VendorID OpaqueElementDataLen(2) data, zero-padded to 4 bytes.
 */
public record OpaqueData(List<Element> elements) {
    private static final int DMTF_SPEC_ID = 0x444D5446;

    public OpaqueData {
        elements = List.copyOf(elements);
        if (elements.size() > 255) {
            throw new IllegalArgumentException("TotalElements does not fit 8 bits: " + elements.size());
        }
    }

    /** One opaque element: registry ID (0 = DMTF), vendor id (empty for DMTF) and its data. */
    public record Element(int id, Bytes vendorId, Bytes data) {
        public Element {
            if (vendorId.length() > 255) {
                throw new IllegalArgumentException("VendorLen does not fit 8 bits: " + vendorId.length());
            }
            Fields.requireU16(data.length(), "OpaqueElementDataLen");
        }
    }

    public byte[] encode(SpdmVersion v) {
        ByteWriter w = new ByteWriter();
        if (v.atLeast(SpdmVersion.V1_2)) {
            w.u8(elements.size()).zeros(3);
        } else {
            w.u32(DMTF_SPEC_ID).u8(1).u8(elements.size()).u16(0);
        }
        for (Element e : elements) {
            int start = w.size();
            w.u8(e.id()).u8(e.vendorId().length()).bytes(e.vendorId()).u16(e.data().length()).bytes(e.data());
            w.zeros((4 - (w.size() - start) % 4) % 4);
        }
        return w.toByteArray();
    }

    public static OpaqueData decode(Bytes bytes, SpdmVersion v) throws SpdmDecodeException {
        ByteReader r = new ByteReader(bytes.toByteArray(), "opaque data");
        int count;
        if (v.atLeast(SpdmVersion.V1_2)) {
            count = r.u8("TotalElements");
            r.skip(3, "Reserved");
        } else {
            if (r.u32("SpecID") != DMTF_SPEC_ID) {
                throw new SpdmDecodeException("opaque data: SpecID is not DMTF");
            }
            if (r.u8("OpaqueVersion") != 1) {
                throw new SpdmDecodeException("opaque data: OpaqueVersion is not 1");
            }
            count = r.u8("TotalElements");
            r.skip(2, "Reserved");
        }
        List<Element> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int start = r.position();
            int id = r.u8("ID");
            int vendorLen = r.u8("VendorLen");
            Bytes vendor = r.bytes(vendorLen, "VendorID");
            int len = r.u16("OpaqueElementDataLen");
            Bytes data = r.bytes(len, "OpaqueElementData");
            int pad = (4 - (r.position() - start) % 4) % 4;
            Bytes padding = r.bytes(pad, "element padding");
            for (int p = 0; p < pad; p++) {
                if (padding.get(p) != 0) {
                    throw new SpdmDecodeException("opaque data: element " + i + " has non-zero padding");
                }
            }
            list.add(new Element(id, vendor, data));
        }
        r.end();
        return new OpaqueData(list);
    }

    // DSP0277 secured-message elements (registry DMTF, no vendor id).
    private static final int SM_DATA_VERSION = 1;
    private static final int SM_DATA_ID_VERSION_SELECTION = 0;
    private static final int SM_DATA_ID_SUPPORTED_VERSION = 1;

    /** The SupportedVersion element a requester sends in KEY_EXCHANGE. */
    public static OpaqueData supportedSecuredMessageVersions(List<SpdmVersion> versions) {
        ByteWriter w = new ByteWriter().u8(SM_DATA_VERSION).u8(SM_DATA_ID_SUPPORTED_VERSION).u8(versions.size());
        versions.forEach(v -> w.u16(v.versionNumber()));
        return new OpaqueData(List.of(new Element(0, Bytes.EMPTY, Bytes.of(w.toByteArray()))));
    }

    /** The VersionSelection element a responder answers in KEY_EXCHANGE_RSP. */
    public static OpaqueData securedMessageVersionSelection(SpdmVersion v) {
        byte[] data = new ByteWriter().u8(SM_DATA_VERSION).u8(SM_DATA_ID_VERSION_SELECTION).u16(v.versionNumber())
                .toByteArray();
        return new OpaqueData(List.of(new Element(0, Bytes.EMPTY, Bytes.of(data))));
    }

    /** The secured-message versions of a SupportedVersion element, or empty when there is none. */
    public Optional<List<SpdmVersion>> supportedSecuredMessageVersions() throws SpdmDecodeException {
        for (Element e : elements) {
            if (e.id() == 0 && e.vendorId().isEmpty() && e.data().length() >= 3 && e.data().get(0) == SM_DATA_VERSION
                    && e.data().get(1) == SM_DATA_ID_SUPPORTED_VERSION) {
                ByteReader r = new ByteReader(e.data().toByteArray(), "SupportedVersion element");
                r.skip(2, "SMDataVersion/SMDataID");
                int n = r.u8("VersionCount");
                List<SpdmVersion> out = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    out.add(SpdmVersion.fromVersionNumber(r.u16("VersionsList")));
                }
                r.end();
                return Optional.of(out);
            }
        }
        return Optional.empty();
    }

    /** The version of a VersionSelection element, or empty when there is none. */
    public Optional<SpdmVersion> securedMessageVersionSelection() throws SpdmDecodeException {
        for (Element e : elements) {
            if (e.id() == 0 && e.vendorId().isEmpty() && e.data().length() >= 2 && e.data().get(0) == SM_DATA_VERSION
                    && e.data().get(1) == SM_DATA_ID_VERSION_SELECTION) {
                if (e.data().length() != 4) {
                    throw new SpdmDecodeException("VersionSelection element must have 4 data bytes");
                }
                return Optional.of(SpdmVersion.fromVersionNumber(e.data().get(2) | e.data().get(3) << 8));
            }
        }
        return Optional.empty();
    }
}
