package io.teeio.platform.tsm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.platform.doe.DoeError;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DoeRetryPolicyTest {
    private static final byte[] DISCOVERY = HexFormat.of().parseHex("01000000" + "03000000" + "00000000");
    private static final byte[] GET_VERSION = HexFormat.of().parseHex("01000100" + "03000000" + "10840000");
    private static final byte[] GET_CAPABILITIES = HexFormat.of().parseHex("01000100" + "03000000" + "12e10000");
    private static final byte[] SECURED = HexFormat.of().parseHex("01000200" + "03000000" + "ffffffff");
    private final DoeRetryPolicy policy = new DoeRetryPolicy(3);

    @Test
    void busyIsAlwaysRetriedBecauseNothingWasWritten() {
        assertTrue(policy.mayRetry(DoeError.BUSY, SECURED));
    }

    @Test
    void aTimeoutOnDiscoveryIsRetried() {
        assertTrue(policy.mayRetry(DoeError.TIMEOUT, DISCOVERY));
    }

    @Test
    void aTimeoutOnGetVersionIsRetried() {
        assertTrue(policy.mayRetry(DoeError.TIMEOUT, GET_VERSION));
    }

    @Test
    void aTimeoutOnAnyOtherSpdmRequestIsNotRetried() {
        assertFalse(policy.mayRetry(DoeError.TIMEOUT, GET_CAPABILITIES));
    }

    @Test
    void aCorruptedAnswerToASecuredMessageIsNotRetried() {
        assertFalse(policy.mayRetry(DoeError.UNEXPECTED_RESPONSE, SECURED));
    }

    @Test
    void aDeadMailboxIsNeverRetried() {
        assertFalse(policy.mayRetry(DoeError.MAILBOX_DEAD, DISCOVERY));
    }
}
