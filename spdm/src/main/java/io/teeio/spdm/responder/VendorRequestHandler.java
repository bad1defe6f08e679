package io.teeio.spdm.responder;

import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.message.VendorDefined;

/**
 * Where VENDOR_DEFINED_REQUESTs go (PCIe IDE_KM and TDISP plug in here). Returns the response payload;
 * a refusal is an {@link SpdmErrorException}. {@code sessionId} is null outside a session.
 */
@FunctionalInterface
public interface VendorRequestHandler {
    VendorRequestHandler NONE = (request, sessionId) -> {
        throw new SpdmErrorException(io.teeio.spdm.message.SpdmErrorCode.UNSUPPORTED_REQUEST,
                io.teeio.spdm.message.SpdmCode.VENDOR_DEFINED_REQUEST, "no vendor-defined protocol is registered");
    };

    Bytes handle(VendorDefined request, Integer sessionId) throws SpdmErrorException;
}
