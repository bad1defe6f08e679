package io.teeio.spdm.message;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.ByteWriter;
import io.teeio.spdm.codec.SpdmDecodeException;
import java.util.ArrayList;
import java.util.List;

/**
 * One AlgStruct of NEGOTIATE_ALGORITHMS / ALGORITHMS: AlgType, AlgCount (FixedAlgCount = 2 in the high
 * nibble, ExtAlgCount in the low), a 16-bit AlgSupported mask and the extended algorithm entries.
 */
public record AlgStruct(int algType, int supported, List<Integer> external) {
    public static final int DHE = 2;
    public static final int AEAD = 3;
    public static final int REQ_BASE_ASYM_ALG = 4;
    public static final int KEY_SCHEDULE = 5;

    public AlgStruct {
        external = List.copyOf(external);
        if (external.size() > 15) {
            throw new IllegalArgumentException("at most 15 extended algorithms per AlgStruct");
        }
    }

    public AlgStruct(int algType, int supported) {
        this(algType, supported, List.of());
    }

    void write(ByteWriter w) {
        w.u8(algType).u8(0x20 | external.size()).u16(supported);
        external.forEach(w::u32);
    }

    static AlgStruct read(ByteReader r, int index) throws SpdmDecodeException {
        int type = r.u8("AlgStruct[" + index + "].AlgType");
        int count = r.u8("AlgStruct[" + index + "].AlgCount");
        if ((count >> 4) != 2) {
            throw new SpdmDecodeException("AlgStruct[" + index + "]: FixedAlgCount is " + (count >> 4) + ", must be 2");
        }
        int supported = r.u16("AlgStruct[" + index + "].AlgSupported");
        List<Integer> ext = new ArrayList<>();
        for (int i = 0; i < (count & 0xF); i++) {
            ext.add(r.u32("AlgStruct[" + index + "].AlgExternal"));
        }
        return new AlgStruct(type, supported, ext);
    }

    int size() {
        return 4 + 4 * external.size();
    }

    public static String typeName(int type) {
        return switch (type) {
            case DHE -> "DHE";
            case AEAD -> "AEAD";
            case REQ_BASE_ASYM_ALG -> "ReqBaseAsymAlg";
            case KEY_SCHEDULE -> "KeySchedule";
            default -> "AlgType" + type;
        };
    }

    /** The struct of {@code type} in {@code list}, or a mask of 0 when absent. */
    public static int supportedOf(List<AlgStruct> list, int type) {
        for (AlgStruct s : list) {
            if (s.algType == type) {
                return s.supported;
            }
        }
        return 0;
    }
}
