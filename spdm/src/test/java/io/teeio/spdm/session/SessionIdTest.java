package io.teeio.spdm.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SessionIdTest {
    @Test
    void valueIsRequesterHalfLowResponderHalfHigh() {
        assertEquals(0x1234FFFE, new SessionId(0xFFFE, 0x1234).value());
    }

    @Test
    void fromValueSplitsTheHalves() {
        SessionId id = SessionId.fromValue(0xFFFEFFFD);
        assertEquals(0xFFFD, id.requesterHalf());
        assertEquals(0xFFFE, id.responderHalf());
    }

    @Test
    void toStringIsTheValueInHex() {
        assertEquals("0xFFFFFFFF", new SessionId(0xFFFF, 0xFFFF).toString());
    }

    @Test
    void halvesWiderThanSixteenBitsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new SessionId(0x10000, 0));
    }
}
