package io.teeio.platform.tsm;

import io.teeio.pcie.doe.DoeChannel;
import io.teeio.platform.doe.DoeException;
import io.teeio.platform.doe.DoeMailboxDriver;
import io.teeio.trace.Tracer;

/** The TSM's DOE channel: the register-level driver plus the {@link DoeRetryPolicy}, every retry traced. */
final class RetryingDoeChannel implements DoeChannel {
    private final DoeMailboxDriver driver;
    private final DoeRetryPolicy policy;
    private final Tracer tracer;
    private final String peer;

    RetryingDoeChannel(DoeMailboxDriver driver, DoeRetryPolicy policy, Tracer tracer, String peer) {
        this.driver = driver;
        this.policy = policy;
        this.tracer = tracer;
        this.peer = peer;
    }

    @Override
    public byte[] exchange(byte[] requestObject) throws DoeException {
        for (int attempt = 1; ; attempt++) {
            try {
                return driver.exchange(requestObject);
            } catch (DoeException e) {
                if (attempt >= policy.attempts() || !policy.mayRetry(e.error(), requestObject)) {
                    tracer.event(PlatformTsm.LAYER, "TSM", peer, "DOE_FAILED", e.getMessage() + " (attempt " + attempt
                            + ", not retried)");
                    throw e;
                }
                tracer.event(PlatformTsm.LAYER, "TSM", peer, "DOE_RETRY", e.getMessage() + "; mailbox aborted, attempt "
                        + (attempt + 1) + " of " + policy.attempts());
            }
        }
    }
}
