package io.teeio.cli.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.teeio.trace.TraceEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenderersTest {
    private static TraceEvent ev(long seq, String layer, String actor, String peer, String action, String before,
            String after) {
        return new TraceEvent(seq, seq * 10, layer, actor, peer, action, "", before, after);
    }

    @Test
    void jsonLineCarriesEveryFieldThatIsSetAndOmitsEmptyOnes() throws Exception {
        String line = JsonLinesSink.toJson(new ObjectMapper(), ev(3, "tsm", "TSM", "DSM", "LOCK", "CONFIG_UNLOCKED",
                "CONFIG_LOCKED"));
        JsonNode n = new ObjectMapper().readTree(line);
        assertEquals(3, n.get("seq").asInt());
        assertEquals("tsm", n.get("layer").asText());
        assertEquals("CONFIG_LOCKED", n.get("stateAfter").asText());
        assertFalse(n.has("detail"));
        assertFalse(line.contains("\n"));
    }

    @Test
    void mermaidDrawsArrowsBetweenParticipantsAndNotesForStateChanges() {
        String m = MermaidSequence.render(List.of(
                ev(1, "tsm", "TSM", "DSM 01:00.0", "LOCK_INTERFACE_REQUEST", "", ""),
                ev(2, "pcie", "DSM", "TSM", "LOCK_INTERFACE_RESPONSE", "CONFIG_UNLOCKED", "CONFIG_LOCKED"),
                ev(3, "kernel", "vfio-pci", "", "VFIO_DEVICE_TSM_BIND", "", "BOUND")));
        assertTrue(m.startsWith("sequenceDiagram\n"));
        assertTrue(m.contains("participant CVM as guest CVM"));
        assertTrue(m.contains("TSM->>Device: LOCK_INTERFACE_REQUEST"), m);
        assertTrue(m.contains("Device->>TSM: LOCK_INTERFACE_RESPONSE (CONFIG_LOCKED)"), m);
        assertTrue(m.contains("Note over Kernel: vfio-pci VFIO_DEVICE_TSM_BIND:  to BOUND"), m);
    }

    @Test
    void mermaidEscapesCharactersThatWouldEndAMessage() {
        assertEquals("a, b no.1 c", MermaidSequence.escape("a; b #1\nc").replace("  ", " "));
    }
}
