package io.teeio.spdm.message;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;
import java.util.Optional;

/** ERROR: Param1 = ErrorCode, Param2 = ErrorData, then up to 32 bytes of ExtendedErrorData. */
public record ErrorResponse(SpdmVersion version, int errorCode, int errorData, Bytes extendedErrorData)
        implements SpdmMessage {

    public ErrorResponse {
        if (extendedErrorData.length() > 32) {
            throw new IllegalArgumentException("ExtendedErrorData is at most 32 bytes");
        }
        // read() takes exactly 4 bytes for this code, so any other length would not decode back
        if (errorCode == SpdmErrorCode.RESPONSE_NOT_READY.value() && extendedErrorData.length() != 4) {
            throw new IllegalArgumentException("ResponseNotReady ExtendedErrorData must be 4 bytes, got "
                    + extendedErrorData.length());
        }
    }

    public static ErrorResponse of(SpdmVersion v, SpdmErrorCode code, int errorData) {
        return new ErrorResponse(v, code.value(), errorData, Bytes.EMPTY);
    }

    public static ErrorResponse responseNotReady(SpdmVersion v, ResponseNotReady data) {
        return new ErrorResponse(v, SpdmErrorCode.RESPONSE_NOT_READY.value(), 0, Bytes.of(data.encode()));
    }

    @Override
    public int code() {
        return SpdmCode.ERROR;
    }

    public Optional<SpdmErrorCode> error() {
        return SpdmErrorCode.of(errorCode);
    }

    /** "InvalidRequest (0x01)" or "0x9A" for codes this version does not define. */
    public String describe() {
        String name = error().map(SpdmErrorCode::specName).orElse("unknown error");
        return String.format("%s (0x%02X), ErrorData 0x%02X", name, errorCode, errorData);
    }

    /** The ResponseNotReady extended data, when this is that error. */
    public Optional<ResponseNotReady> responseNotReady() throws SpdmDecodeException {
        if (errorCode != SpdmErrorCode.RESPONSE_NOT_READY.value()) {
            return Optional.empty();
        }
        return Optional.of(ResponseNotReady.decode(extendedErrorData));
    }

    @Override
    public byte[] encode() {
        return SpdmHeader.start(version, code(), errorCode, errorData).bytes(extendedErrorData).toByteArray();
    }

    /** ERROR carries no length: everything after the header is extended data (at most 32 bytes are kept). */
    public static ErrorResponse read(ByteReader r) throws SpdmDecodeException {
        SpdmHeader h = SpdmHeader.expect(r, SpdmCode.ERROR);
        int n = Math.min(32, r.remaining());
        if (h.param1() == SpdmErrorCode.RESPONSE_NOT_READY.value()) {
            n = 4;
        }
        return new ErrorResponse(h.version(), h.param1(), h.param2(), r.bytes(n, "ExtendedErrorData"));
    }

    /** ResponseNotReady extended data: RDTExponent, RequestCode, Token, RDTM. */
    public record ResponseNotReady(int rdtExponent, int requestCode, int token, int rdtm) {
        public byte[] encode() {
            return new byte[] {(byte) rdtExponent, (byte) requestCode, (byte) token, (byte) rdtm};
        }

        static ResponseNotReady decode(Bytes b) throws SpdmDecodeException {
            if (b.length() != 4) {
                throw new SpdmDecodeException("ResponseNotReady extended data must be 4 bytes, got " + b.length());
            }
            return new ResponseNotReady(b.get(0), b.get(1), b.get(2), b.get(3));
        }

        /** Microseconds to wait before RESPOND_IF_READY: 2^RDTExponent. */
        public long waitMicros() {
            return rdtExponent >= 63 ? Long.MAX_VALUE : 1L << rdtExponent;
        }
    }
}
