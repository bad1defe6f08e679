package io.teeio.platform.kernel;

import java.util.Objects;

/**
 * A kernel-model call failed the way Linux fails: an {@link Errno}, the call (ioctl, sysfs attribute or
 * kernel function) and the reason. Unchecked, because every uAPI call can fail and callers that care
 * catch it by errno. A call that throws leaves the kernel state as it was.
 */
public final class KernelException extends RuntimeException {
    private final Errno errno;
    private final String call;
    private final String reason;

    public KernelException(Errno errno, String call, String reason) {
        super(Objects.requireNonNull(call, "call") + ": " + Objects.requireNonNull(errno, "errno") + " ("
                + Objects.requireNonNull(reason, "reason") + ")");
        this.errno = errno;
        this.call = call;
        this.reason = reason;
    }

    public Errno errno() {
        return errno;
    }

    public String call() {
        return call;
    }

    public String reason() {
        return reason;
    }

    /** The same failure reported by an outer call (e.g. an ioctl failing because a kernel helper did). */
    public KernelException as(String outerCall) {
        return new KernelException(errno, outerCall, call + ": " + reason);
    }
}
