package io.teeio.spdm.message;

/** Request and response codes (DSP0274 Table 4/5). */
public final class SpdmCode {
    private SpdmCode() {
    }

    public static final int GET_DIGESTS = 0x81;
    public static final int GET_CERTIFICATE = 0x82;
    public static final int CHALLENGE = 0x83;
    public static final int GET_VERSION = 0x84;
    public static final int CHUNK_SEND = 0x85;
    public static final int CHUNK_GET = 0x86;
    public static final int GET_MEASUREMENTS = 0xE0;
    public static final int GET_CAPABILITIES = 0xE1;
    public static final int NEGOTIATE_ALGORITHMS = 0xE3;
    public static final int KEY_EXCHANGE = 0xE4;
    public static final int FINISH = 0xE5;
    public static final int PSK_EXCHANGE = 0xE6;
    public static final int PSK_FINISH = 0xE7;
    public static final int HEARTBEAT = 0xE8;
    public static final int KEY_UPDATE = 0xE9;
    public static final int GET_ENCAPSULATED_REQUEST = 0xEA;
    public static final int DELIVER_ENCAPSULATED_RESPONSE = 0xEB;
    public static final int END_SESSION = 0xEC;
    public static final int GET_CSR = 0xED;
    public static final int SET_CERTIFICATE = 0xEE;
    public static final int VENDOR_DEFINED_REQUEST = 0xFE;
    public static final int RESPOND_IF_READY = 0xFF;

    public static final int DIGESTS = 0x01;
    public static final int CERTIFICATE = 0x02;
    public static final int CHALLENGE_AUTH = 0x03;
    public static final int VERSION = 0x04;
    public static final int MEASUREMENTS = 0x60;
    public static final int CAPABILITIES = 0x61;
    public static final int ALGORITHMS = 0x63;
    public static final int KEY_EXCHANGE_RSP = 0x64;
    public static final int FINISH_RSP = 0x65;
    public static final int PSK_EXCHANGE_RSP = 0x66;
    public static final int PSK_FINISH_RSP = 0x67;
    public static final int HEARTBEAT_ACK = 0x68;
    public static final int KEY_UPDATE_ACK = 0x69;
    public static final int END_SESSION_ACK = 0x6C;
    public static final int VENDOR_DEFINED_RESPONSE = 0x7E;
    public static final int ERROR = 0x7F;

    public static boolean isRequest(int code) {
        return (code & 0x80) != 0;
    }

    /** The spec name of a code, for traces and errors ("0x9A" when unknown). */
    public static String name(int code) {
        return switch (code) {
            case GET_DIGESTS -> "GET_DIGESTS";
            case GET_CERTIFICATE -> "GET_CERTIFICATE";
            case CHALLENGE -> "CHALLENGE";
            case GET_VERSION -> "GET_VERSION";
            case CHUNK_SEND -> "CHUNK_SEND";
            case CHUNK_GET -> "CHUNK_GET";
            case GET_MEASUREMENTS -> "GET_MEASUREMENTS";
            case GET_CAPABILITIES -> "GET_CAPABILITIES";
            case NEGOTIATE_ALGORITHMS -> "NEGOTIATE_ALGORITHMS";
            case KEY_EXCHANGE -> "KEY_EXCHANGE";
            case FINISH -> "FINISH";
            case PSK_EXCHANGE -> "PSK_EXCHANGE";
            case PSK_FINISH -> "PSK_FINISH";
            case HEARTBEAT -> "HEARTBEAT";
            case KEY_UPDATE -> "KEY_UPDATE";
            case GET_ENCAPSULATED_REQUEST -> "GET_ENCAPSULATED_REQUEST";
            case DELIVER_ENCAPSULATED_RESPONSE -> "DELIVER_ENCAPSULATED_RESPONSE";
            case END_SESSION -> "END_SESSION";
            case GET_CSR -> "GET_CSR";
            case SET_CERTIFICATE -> "SET_CERTIFICATE";
            case VENDOR_DEFINED_REQUEST -> "VENDOR_DEFINED_REQUEST";
            case RESPOND_IF_READY -> "RESPOND_IF_READY";
            case DIGESTS -> "DIGESTS";
            case CERTIFICATE -> "CERTIFICATE";
            case CHALLENGE_AUTH -> "CHALLENGE_AUTH";
            case VERSION -> "VERSION";
            case MEASUREMENTS -> "MEASUREMENTS";
            case CAPABILITIES -> "CAPABILITIES";
            case ALGORITHMS -> "ALGORITHMS";
            case KEY_EXCHANGE_RSP -> "KEY_EXCHANGE_RSP";
            case FINISH_RSP -> "FINISH_RSP";
            case PSK_EXCHANGE_RSP -> "PSK_EXCHANGE_RSP";
            case PSK_FINISH_RSP -> "PSK_FINISH_RSP";
            case HEARTBEAT_ACK -> "HEARTBEAT_ACK";
            case KEY_UPDATE_ACK -> "KEY_UPDATE_ACK";
            case END_SESSION_ACK -> "END_SESSION_ACK";
            case VENDOR_DEFINED_RESPONSE -> "VENDOR_DEFINED_RESPONSE";
            case ERROR -> "ERROR";
            default -> String.format("0x%02X", code);
        };
    }
}
