package io.teeio.cli.socket;

/** Command words of the spdm-emu / QEMU spdm-socket protocol (PROTOCOLS.md §7.1). */
public final class SocketCommand {
    private SocketCommand() {
    }

    public static final int NORMAL = 0x0001;
    /** QEMU storage binding (DSP0286); not served here. */
    public static final int STORAGE_CMD_IF_SEND = 0x0002;
    public static final int STORAGE_CMD_IF_RECV = 0x0003;
    public static final int STORAGE_ACK_STATUS = 0x0004;
    /** spdm-emu test hook: start an encapsulated KEY_UPDATE (the only out-of-band command). */
    public static final int OOB_ENCAP_KEY_UPDATE = 0x8001;
    public static final int OOB_ENCAP_ENDPOINT_INFO = 0x8002;
    public static final int CONTINUE = 0xFFFD;
    public static final int SHUTDOWN = 0xFFFE;
    /** The reply to a command the server does not recognise (spelled UNKOWN in spdm-emu). */
    public static final int UNKNOWN = 0xFFFF;
    public static final int TEST = 0xDEAD;

    public static String name(int command) {
        return switch (command) {
            case NORMAL -> "NORMAL";
            case STORAGE_CMD_IF_SEND -> "STORAGE_CMD_IF_SEND";
            case STORAGE_CMD_IF_RECV -> "STORAGE_CMD_IF_RECV";
            case STORAGE_ACK_STATUS -> "STORAGE_ACK_STATUS";
            case OOB_ENCAP_KEY_UPDATE -> "OOB_ENCAP_KEY_UPDATE";
            case OOB_ENCAP_ENDPOINT_INFO -> "OOB_ENCAP_ENDPOINT_INFO";
            case CONTINUE -> "CONTINUE";
            case SHUTDOWN -> "SHUTDOWN";
            case UNKNOWN -> "UNKNOWN";
            case TEST -> "TEST";
            default -> String.format("0x%04X", command);
        };
    }
}
