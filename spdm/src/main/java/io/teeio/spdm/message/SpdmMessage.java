package io.teeio.spdm.message;

/** An SPDM message: the common 4-byte header (version, code, Param1, Param2) and a body. */
public interface SpdmMessage {
    SpdmVersion version();

    int code();

    /** The exact wire bytes of this message. Total: every valid record encodes. */
    byte[] encode();

    default String name() {
        return SpdmCode.name(code());
    }
}
