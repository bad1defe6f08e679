package io.teeio.spdm.message;

/** CAPABILITIES flag bits (DSP0274 Tables 11-14); requester and responder share bit positions. */
public final class CapabilityFlags {
    private CapabilityFlags() {
    }

    public static final int CACHE_CAP = 1;
    public static final int CERT_CAP = 1 << 1;
    public static final int CHAL_CAP = 1 << 2;
    public static final int MEAS_CAP_MASK = 3 << 3;
    public static final int MEAS_CAP_NO_SIG = 1 << 3;
    public static final int MEAS_CAP_SIG = 2 << 3;
    public static final int MEAS_FRESH_CAP = 1 << 5;
    public static final int ENCRYPT_CAP = 1 << 6;
    public static final int MAC_CAP = 1 << 7;
    public static final int MUT_AUTH_CAP = 1 << 8;
    public static final int KEY_EX_CAP = 1 << 9;
    public static final int PSK_CAP_MASK = 3 << 10;
    public static final int ENCAP_CAP = 1 << 12;
    public static final int HBEAT_CAP = 1 << 13;
    public static final int KEY_UPD_CAP = 1 << 14;
    public static final int HANDSHAKE_IN_THE_CLEAR_CAP = 1 << 15;
    public static final int PUB_KEY_ID_CAP = 1 << 16;
    public static final int CHUNK_CAP = 1 << 17;
    public static final int ALIAS_CERT_CAP = 1 << 18;

    /** Flags defined at each version: 1.0 has bits 0..5, 1.1 up to bit 16, 1.2 everything we use. */
    public static int definedAt(SpdmVersion v) {
        if (!v.atLeast(SpdmVersion.V1_1)) {
            return 0x3F;
        }
        return v.atLeast(SpdmVersion.V1_2) ? 0xFFFFFFFF : 0x1FFFF;
    }

    public static boolean has(int flags, int bit) {
        return (flags & bit) == bit;
    }

    /** Human-readable list of the set flags, for traces and reports. */
    public static String describe(int flags) {
        StringBuilder b = new StringBuilder();
        String[] names = {"CACHE", "CERT", "CHAL", null, null, "MEAS_FRESH", "ENCRYPT", "MAC", "MUT_AUTH", "KEY_EX",
            null, null, "ENCAP", "HBEAT", "KEY_UPD", "HANDSHAKE_IN_THE_CLEAR", "PUB_KEY_ID", "CHUNK", "ALIAS_CERT",
            "SET_CERT", "CSR", "CERT_INSTALL_RESET"};
        int meas = flags & MEAS_CAP_MASK;
        if (meas == MEAS_CAP_NO_SIG) {
            b.append("MEAS(no sig) ");
        } else if (meas == MEAS_CAP_SIG) {
            b.append("MEAS(sig) ");
        }
        int psk = (flags & PSK_CAP_MASK) >> 10;
        if (psk != 0) {
            b.append("PSK(").append(psk).append(") ");
        }
        for (int i = 0; i < names.length; i++) {
            if (names[i] != null && (flags & 1 << i) != 0) {
                b.append(names[i]).append(' ');
            }
        }
        return b.toString().trim();
    }
}
