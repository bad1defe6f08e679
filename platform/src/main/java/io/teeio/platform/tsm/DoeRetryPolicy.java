package io.teeio.platform.tsm;

import io.teeio.platform.doe.DoeError;

/**
 * When the TSM sends a DOE object again after the mailbox failed (the driver has already aborted it). A request
 * that never reached the device (Busy before it was written) is always sent again; one that may have reached it
 * (timeout, abort, corrupted or malformed response, Error) only when asking twice changes nothing: DOE
 * discovery and SPDM GET_VERSION. Anything else would desynchronise the SPDM transcript or session, so the
 * operation fails instead and is retried whole by its caller. A dead mailbox is never retried.
 *
 * @param attempts how many times one object is sent at most (1 = no retry)
 */
public record DoeRetryPolicy(int attempts) {
    private static final int SPDM_GET_VERSION = 0x84;

    public DoeRetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be >= 1, was " + attempts);
        }
    }

    public static DoeRetryPolicy none() {
        return new DoeRetryPolicy(1);
    }

    public boolean mayRetry(DoeError error, byte[] requestObject) {
        return switch (error) {
            case BUSY -> true;
            case MAILBOX_DEAD -> false;
            case ERROR, TIMEOUT, ABORTED, UNEXPECTED_RESPONSE, MALFORMED_RESPONSE -> idempotent(requestObject);
        };
    }

    /** DOE discovery (type 0), or a plain CMA/SPDM (type 1) GET_VERSION. */
    static boolean idempotent(byte[] object) {
        if (object.length < 8 || (object[0] & 0xFF | (object[1] & 0xFF) << 8) != 0x0001) {
            return false;
        }
        int type = object[2] & 0xFF;
        return type == 0x00 || type == 0x01 && object.length >= 10 && (object[9] & 0xFF) == SPDM_GET_VERSION;
    }
}
