package io.teeio.spdm.message;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.ByteWriter;
import io.teeio.spdm.codec.SpdmDecodeException;
import java.util.ArrayList;
import java.util.List;

/** VERSION: the versions the responder supports. */
public record VersionResponse(SpdmVersion version, List<VersionNumberEntry> entries) implements SpdmMessage {
    public VersionResponse {
        entries = List.copyOf(entries);
        if (entries.size() > 255) {
            throw new IllegalArgumentException("at most 255 version entries");
        }
    }

    public VersionResponse(List<VersionNumberEntry> entries) {
        this(SpdmVersion.V1_0, entries);
    }

    @Override
    public int code() {
        return SpdmCode.VERSION;
    }

    @Override
    public byte[] encode() {
        ByteWriter w = SpdmHeader.start(version, code(), 0, 0).u8(0).u8(entries.size());
        entries.forEach(e -> w.u16(e.toWire()));
        return w.toByteArray();
    }

    public static VersionResponse read(ByteReader r) throws SpdmDecodeException {
        SpdmHeader h = SpdmHeader.expect(r, SpdmCode.VERSION);
        r.skip(1, "Reserved");
        int n = r.u8("VersionNumberEntryCount");
        List<VersionNumberEntry> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(VersionNumberEntry.fromWire(r.u16("VersionNumberEntry[" + i + "]")));
        }
        return new VersionResponse(h.version(), list);
    }
}
