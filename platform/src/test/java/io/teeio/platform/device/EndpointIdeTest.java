package io.teeio.platform.device;

import static org.junit.jupiter.api.Assertions.*;

import io.teeio.platform.pci.IdeRegisters;
import io.teeio.platform.pci.IdeStreamState;
import org.junit.jupiter.api.Test;

class EndpointIdeTest {
    private final Endpoint e = Endpoint.builder(EndpointSpec.builder().build()).build();
    private final IdeRegisters ide = e.ide().orElseThrow();

    @Test
    void streamOfAnEnabledBlockBecomesSecureWhenTheEngineSaysSo() {
        e.pf().writeDword(ide.controlOffset(0), IdeRegisters.control(4, true, true));
        assertEquals(IdeStreamState.SECURE, e.setIdeStreamState(4, IdeStreamState.SECURE));
        assertEquals(IdeStreamState.SECURE, IdeStreamState.fromStatus(e.pf().readDword(ide.statusOffset(0))));
    }

    @Test
    void streamOfADisabledBlockStaysInsecure() {
        e.pf().writeDword(ide.controlOffset(0), IdeRegisters.control(4, false, true));
        assertEquals(IdeStreamState.INSECURE, e.setIdeStreamState(4, IdeStreamState.SECURE));
        assertFalse(e.ideStreamSecure(4));
    }

    @Test
    void unknownStreamIdIsRejected() {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> e.setIdeStreamState(9, IdeStreamState.SECURE));
        assertTrue(ex.getMessage().contains("Stream ID 9"), ex.getMessage());
    }

    @Test
    void streamStatusIsReadOnlyToSoftware() {
        e.pf().writeDword(ide.statusOffset(0), IdeStreamState.SECURE.code());
        assertEquals(IdeStreamState.INSECURE, ide.state(0));
    }

    @Test
    void registerDumpStartsWithCapabilityAndControlThenTheStreamBlocks() {
        e.pf().writeDword(ide.controlOffset(0), IdeRegisters.control(4, true, true));
        int[] dump = ide.registerDump();
        assertEquals(e.pf().readDword(ide.capOffset() + 4), dump[0]);
        assertEquals(IdeRegisters.control(4, true, true), dump[3], "block 0: capability, then control");
        assertEquals((ide.spec().size() - 4) / 4, dump.length);
    }
}
