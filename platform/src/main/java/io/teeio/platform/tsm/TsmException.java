package io.teeio.platform.tsm;

import io.teeio.platform.pci.RoutingId;
import java.util.Objects;

/**
 * A TSM operation failed: which operation, on which function (the DSM for connect/disconnect, the TDI
 * otherwise), and why. The message never carries key material or the START nonce.
 */
public final class TsmException extends Exception {
    /** Why, in terms a kernel adapter can map to an errno. */
    public enum Reason {
        /** No probed DSM has this function, or the function does not exist now (ENODEV / ENXIO). */
        NO_SUCH_DEVICE,
        /** Not allowed in the current state: connect twice, bind on a disconnected DSM, START twice (EINVAL). */
        WRONG_STATE,
        /** The TDI is bound to another VM (EBUSY). */
        BUSY,
        /** A guest request for a TDI that is not bound (ENXIO). */
        NOT_BOUND,
        /** A guest request from a VM that does not own the TDI (EPERM). */
        NOT_OWNER,
        /** A malformed guest request, a scope that does not fit it, an argument out of range (EINVAL). */
        BAD_REQUEST,
        /** START without a report fetched since LOCK, or with the digest of another report (EINVAL). */
        NOT_VALIDATED,
        /** The DOE mailbox failed: busy, timeout, abort, corrupted object, dead (EIO). */
        DOE_FAILURE,
        /** The device's certificate chain or a signature did not verify (EACCES). */
        AUTHENTICATION_FAILED,
        /** SPDM failed otherwise: ERROR answer, bad response, negotiation (EIO). */
        SPDM_FAILURE,
        /** IDE key programming or stream start failed at either end (EIO). */
        IDE_FAILURE,
        /** The DSM answered TDISP_ERROR or an unexpected TDI state (EIO). */
        TDISP_FAILURE,
        /** The SPDM session is gone (device reset, session ended): the DSM must be connected again (ENOTCONN). */
        LINK_LOST
    }

    private final TsmOperation operation;
    private final RoutingId function;
    private final Reason reason;

    public TsmException(TsmOperation operation, RoutingId function, Reason reason, String detail, Throwable cause) {
        super(operation + " " + function + ": " + reason + ": " + detail, cause);
        this.operation = Objects.requireNonNull(operation);
        this.function = Objects.requireNonNull(function);
        this.reason = Objects.requireNonNull(reason);
    }

    public TsmException(TsmOperation operation, RoutingId function, Reason reason, String detail) {
        this(operation, function, reason, detail, null);
    }

    public TsmOperation operation() {
        return operation;
    }

    /** The TDI (or, for connect and disconnect, the DSM) the operation was about. */
    public RoutingId function() {
        return function;
    }

    public Reason reason() {
        return reason;
    }
}
