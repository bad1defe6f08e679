package io.teeio.pcie.idekm;

import java.util.Optional;

/**
 * The device's IDE_KM answer was a failure or not a valid answer: a KP_ACK with a non-success status, the
 * wrong acknowledgement, an echo that does not match the request, or undecodable bytes.
 */
public final class IdeKmException extends Exception {
    private final IdeKmObjectId request;
    private final KpAckStatus status;

    public IdeKmException(IdeKmObjectId request, String message) {
        super(request + ": " + message);
        this.request = request;
        this.status = null;
    }

    public IdeKmException(IdeKmObjectId request, KpAckStatus status, String message) {
        super(request + ": " + message);
        this.request = request;
        this.status = status;
    }

    public IdeKmException(IdeKmObjectId request, String message, Throwable cause) {
        super(request + ": " + message, cause);
        this.request = request;
        this.status = null;
    }

    public IdeKmObjectId request() {
        return request;
    }

    /** The KP_ACK status when the device refused a KEY_PROG. */
    public Optional<KpAckStatus> status() {
        return Optional.ofNullable(status);
    }
}
