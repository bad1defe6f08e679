package io.teeio.spdm.codec;

/** Bytes that are not a well-formed message: the only exception a decoder throws. */
public final class SpdmDecodeException extends Exception {
    public SpdmDecodeException(String message) {
        super(message);
    }
}
