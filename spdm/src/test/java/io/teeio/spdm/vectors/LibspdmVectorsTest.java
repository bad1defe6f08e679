package io.teeio.spdm.vectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LibspdmVectorsTest {
    @Test
    void runAStartsWithGetVersionAndItsAnswer() {
        List<LibspdmVectors.Message> m = LibspdmVectors.messages(LibspdmVectors.Run.A_ECDSA_P384);
        assertEquals("GET_VERSION", m.get(0).name());
        assertTrue(m.get(0).fromRequester());
        assertEquals(0x84, m.get(0).code());
        assertEquals("VERSION", m.get(1).name());
        assertEquals(228, m.size(), "the header of run A announces 228 messages");
    }

    @Test
    void sessionMessagesCarryTheirSessionId() {
        assertTrue(LibspdmVectors.messages(LibspdmVectors.Run.A_ECDSA_P384).stream()
                .filter(LibspdmVectors.Message::inSession)
                .anyMatch(x -> x.session().getAsLong() == 0xFFFFFFFFL));
    }

    @Test
    void sessionFileHoldsOneKeyScheduleBlockPerSession() {
        var s = LibspdmVectors.sessions(LibspdmVectors.Run.B_ECDSA_P256);
        assertEquals(3, s.size());
        assertEquals(64, s.get(1).get("th1_hash").length());
    }
}
