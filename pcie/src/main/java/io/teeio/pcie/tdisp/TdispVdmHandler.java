package io.teeio.pcie.tdisp;

import io.teeio.spdm.codec.Bytes;

/** Answers TDISP VDM_REQUEST for a DSM that lists VDM_REQUEST among its optional requests. */
@FunctionalInterface
public interface TdispVdmHandler {
    /** Refuses every VDM_REQUEST with UNSUPPORTED_REQUEST. */
    TdispVdmHandler NONE = (tdi, vendor, data) -> {
        throw new TdiRejectedException(TdispErrorCode.UNSUPPORTED_REQUEST,
                TdispMessageType.VDM_REQUEST.code(), "no vendor-defined TDISP messages");
    };

    /** @return the vendor data of VDM_RESPONSE (sent back with the same vendor identity) */
    Bytes handle(Tdi tdi, VendorIdentity vendor, Bytes data) throws TdiRejectedException;
}
