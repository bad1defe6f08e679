package io.teeio.spdm.message;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.ByteWriter;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;
import java.util.ArrayList;
import java.util.List;

/** DIGESTS: one hash of the SPDM certificate chain per provisioned slot (bit of Param2), ascending. */
public record Digests(SpdmVersion version, int param1, int slotMask, List<Bytes> digests) implements SpdmMessage {
    public Digests {
        digests = List.copyOf(digests);
        if (Integer.bitCount(slotMask & 0xFF) != digests.size()) {
            throw new IllegalArgumentException("slot mask 0x" + Integer.toHexString(slotMask) + " has "
                    + Integer.bitCount(slotMask & 0xFF) + " slots but " + digests.size() + " digests are given");
        }
    }

    @Override
    public int code() {
        return SpdmCode.DIGESTS;
    }

    @Override
    public byte[] encode() {
        ByteWriter w = SpdmHeader.start(version, code(), param1, slotMask);
        digests.forEach(w::bytes);
        return w.toByteArray();
    }

    /** The digest of {@code slot}, or null when that slot is not provisioned. */
    public Bytes digestOf(int slot) {
        if ((slotMask & 1 << slot) == 0) {
            return null;
        }
        return digests.get(Integer.bitCount(slotMask & ((1 << slot) - 1)));
    }

    public static Digests read(ByteReader r, int hashSize) throws SpdmDecodeException {
        SpdmHeader h = SpdmHeader.expect(r, SpdmCode.DIGESTS);
        List<Bytes> list = new ArrayList<>();
        for (int i = 0; i < Integer.bitCount(h.param2()); i++) {
            list.add(r.bytes(hashSize, "Digest[" + i + "]"));
        }
        return new Digests(h.version(), h.param1(), h.param2(), list);
    }
}
