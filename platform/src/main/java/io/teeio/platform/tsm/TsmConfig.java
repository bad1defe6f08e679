package io.teeio.platform.tsm;

import io.teeio.pcie.tdisp.LockInterfaceFlags;
import io.teeio.platform.doe.DoeMailboxDriver;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * What the platform TSM is provisioned with.
 *
 * @param trustAnchors            roots a DSM's certificate chain must verify to (at least one)
 * @param streamId                the selective IDE Stream ID the TSM keys between root port and device
 * @param lockFlags               LOCK_INTERFACE_REQUEST FLAGS for every bind
 * @param doeRetry                when a failed DOE object is sent again
 * @param doePollBudget           Status polls per DOE exchange before a timeout (Linux: 128)
 * @param responseNotReadyRetries RESPOND_IF_READY attempts per SPDM request
 * @param reportChunkSize         LENGTH of each GET_DEVICE_INTERFACE_REPORT portion
 */
public record TsmConfig(List<X509Certificate> trustAnchors, int streamId, LockInterfaceFlags lockFlags,
        DoeRetryPolicy doeRetry, int doePollBudget, int responseNotReadyRetries, int reportChunkSize) {

    public TsmConfig {
        trustAnchors = List.copyOf(trustAnchors);
        if (trustAnchors.isEmpty()) {
            throw new IllegalArgumentException("the TSM needs at least one trust anchor to verify DSM certificates");
        }
        if (streamId < 0 || streamId > 0xFF) {
            throw new IllegalArgumentException("IDE Stream ID must be 0..255, was " + streamId);
        }
        Objects.requireNonNull(lockFlags, "lockFlags");
        Objects.requireNonNull(doeRetry, "doeRetry");
        if (doePollBudget < 1) {
            throw new IllegalArgumentException("DOE poll budget must be >= 1");
        }
        if (responseNotReadyRetries < 0) {
            throw new IllegalArgumentException("ResponseNotReady retries must be >= 0");
        }
        if (reportChunkSize < 1 || reportChunkSize > 0xFFFF) {
            throw new IllegalArgumentException("report chunk size must be 1..65535");
        }
    }

    /**
     * Stream 1, LOCK with NO_FW_UPDATE, 3 attempts per DOE object, Linux's DOE poll budget, 3 RESPOND_IF_READY
     * retries, 1 KiB report portions.
     */
    public static TsmConfig defaults(List<X509Certificate> trustAnchors) {
        return new TsmConfig(trustAnchors, 1, new LockInterfaceFlags(LockInterfaceFlags.NO_FW_UPDATE),
                new DoeRetryPolicy(3), DoeMailboxDriver.DEFAULT_POLL_BUDGET, 3, 0x400);
    }

    public TsmConfig withDoeRetry(DoeRetryPolicy value) {
        return new TsmConfig(trustAnchors, streamId, lockFlags, value, doePollBudget, responseNotReadyRetries,
                reportChunkSize);
    }

    public TsmConfig withResponseNotReadyRetries(int value) {
        return new TsmConfig(trustAnchors, streamId, lockFlags, doeRetry, doePollBudget, value, reportChunkSize);
    }

    public TsmConfig withLockFlags(LockInterfaceFlags value) {
        return new TsmConfig(trustAnchors, streamId, value, doeRetry, doePollBudget, responseNotReadyRetries,
                reportChunkSize);
    }
}
