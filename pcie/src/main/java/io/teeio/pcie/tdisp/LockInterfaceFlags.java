package io.teeio.pcie.tdisp;

/**
 * LOCK_INTERFACE_REQUEST FLAGS, also the layout of LOCK_INTERFACE_FLAGS_SUPPORTED. Reserved bits are kept so
 * a request setting them can be decoded and refused.
 */
public record LockInterfaceFlags(int bits) {
    public static final int NO_FW_UPDATE = 0x0001;
    /** Set: the system cache line is 128 bytes; clear: 64 bytes. */
    public static final int SYSTEM_CACHE_LINE_SIZE = 0x0002;
    public static final int LOCK_MSIX = 0x0004;
    public static final int BIND_P2P = 0x0008;
    public static final int ALL_REQUEST_REDIRECT = 0x0010;
    public static final int DEFINED = 0x001F;

    public static final LockInterfaceFlags NONE = new LockInterfaceFlags(0);

    public LockInterfaceFlags {
        if (bits < 0 || bits > 0xFFFF) {
            throw new IllegalArgumentException("FLAGS out of 16 bits: " + bits);
        }
    }

    public boolean has(int flag) {
        return (bits & flag) == flag;
    }

    public boolean noFwUpdate() {
        return has(NO_FW_UPDATE);
    }

    public boolean lockMsix() {
        return has(LOCK_MSIX);
    }

    public boolean bindP2p() {
        return has(BIND_P2P);
    }

    public int reservedBits() {
        return bits & ~DEFINED;
    }

    /** Every flag set here is also set in {@code supported}. */
    public boolean isSubsetOf(LockInterfaceFlags supported) {
        return (bits & ~supported.bits) == 0;
    }

    @Override
    public String toString() {
        return String.format("LockInterfaceFlags[0x%04x]", bits);
    }
}
