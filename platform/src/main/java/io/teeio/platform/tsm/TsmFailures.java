package io.teeio.platform.tsm;

import io.teeio.pcie.doe.DoeProtocolException;
import io.teeio.pcie.idekm.IdeKmException;
import io.teeio.pcie.idekm.IdeSetupException;
import io.teeio.pcie.tdisp.TdispException;
import io.teeio.platform.doe.DoeException;
import io.teeio.spdm.requester.SpdmRequesterException;
import io.teeio.spdm.transport.TransportException;

/** Names the reason of a failed step from the exception chain: the deepest cause that says most wins. */
final class TsmFailures {
    private TsmFailures() {
    }

    /** A problem the TSM itself found in a step (not an exception from below). */
    static final class StepFailure extends Exception {
        final TsmException.Reason reason;

        StepFailure(TsmException.Reason reason, String message) {
            super(message);
            this.reason = reason;
        }
    }

    /**
     * As {@link #classify(Throwable)}, except that a failure which cost the SPDM session is LINK_LOST unless the
     * mailbox failed (the more precise cause): a device reset shows up as records the new DSM cannot place.
     */
    static TsmException.Reason classify(Throwable e, boolean sessionLost) {
        TsmException.Reason reason = classify(e);
        return sessionLost && reason != TsmException.Reason.DOE_FAILURE ? TsmException.Reason.LINK_LOST : reason;
    }

    static TsmException.Reason classify(Throwable e) {
        if (has(e, DoeException.class) || has(e, DoeProtocolException.class)) {
            return TsmException.Reason.DOE_FAILURE;
        }
        if (e instanceof StepFailure s) {
            return s.reason;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SpdmRequesterException s && s.kind() == SpdmRequesterException.Kind.VERIFICATION_FAILED) {
                return TsmException.Reason.AUTHENTICATION_FAILED;
            }
        }
        if (has(e, IdeKmException.class) || has(e, IdeSetupException.class)) {
            return TsmException.Reason.IDE_FAILURE;
        }
        if (has(e, TdispException.class)) {
            return TsmException.Reason.TDISP_FAILURE;
        }
        return TsmException.Reason.SPDM_FAILURE;
    }

    /** Whether the failure came from the transport under a session: its sequence numbers can no longer agree. */
    static boolean transportFailed(Throwable e) {
        return has(e, TransportException.class) || has(e, DoeException.class);
    }

    static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
