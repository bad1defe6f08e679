package io.teeio.spdm.message;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.SpdmDecodeException;

/**
 * A message record together with the read() call that decodes it: the sizes a layout depends on (H, S, D,
 * optional-field flags) are part of the decoder, so one sample is self-describing.
 *
 * @param message        the record
 * @param decoder        the read() call, sizes bound
 * @param sizes          the bound sizes, for reports ("H=48 S=96 summary")
 * @param requiredLength the length below which every prefix must fail to decode: the full encoding, except
 *                       for ERROR, whose extended data has no length field (any prefix past the header is a
 *                       shorter but well-formed ERROR)
 */
record Sample(SpdmMessage message, Decoder decoder, String sizes, int requiredLength) {

    @FunctionalInterface
    interface Decoder {
        SpdmMessage read(ByteReader r) throws SpdmDecodeException;
    }

    Sample(SpdmMessage message, Decoder decoder, String sizes) {
        this(message, decoder, sizes, message.encode().length);
    }

    Sample(SpdmMessage message, Decoder decoder) {
        this(message, decoder, "");
    }

    byte[] bytes() {
        return message.encode();
    }

    /** Decodes {@code bytes} with this sample's decoder and fails unless every byte was consumed. */
    SpdmMessage decodeExactly(byte[] bytes) throws SpdmDecodeException {
        ByteReader r = new ByteReader(bytes, message.name());
        SpdmMessage m = decoder.read(r);
        r.end();
        return m;
    }

    SpdmMessage decode(byte[] bytes) throws SpdmDecodeException {
        return decoder.read(new ByteReader(bytes, message.name()));
    }

    /** True when the decoder accepts {@code code} in the header (both codes for VENDOR_DEFINED). */
    boolean accepts(int code) {
        if (message instanceof VendorDefined) {
            return code == SpdmCode.VENDOR_DEFINED_REQUEST || code == SpdmCode.VENDOR_DEFINED_RESPONSE;
        }
        return code == message.code();
    }

    @Override
    public String toString() {
        return message + (sizes.isEmpty() ? "" : " [" + sizes + "]");
    }
}
