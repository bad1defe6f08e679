package io.teeio.platform.device;

import static io.teeio.platform.pci.PciRegs.*;
import static org.junit.jupiter.api.Assertions.*;

import io.teeio.platform.pci.IdeRegisters;
import io.teeio.platform.pci.IdeStreamState;
import io.teeio.platform.pci.PcieCapabilitySpec;
import io.teeio.spdm.codec.Bytes;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FlrTest {
    private static final long BAR = 0xF000000000L;

    private final Endpoint e = Endpoint.builder(EndpointSpec.builder().build())
            .doeBackend(r -> Optional.of(new byte[] {1, 0, 1, 0, 2, 0, 0, 0}))
            .doeConfig(io.teeio.platform.doe.DoeMailboxConfig.withLatency(5)).build();

    FlrTest() {
        LinuxLikeHost.enablePf(e, BAR);
    }

    private static void flr(PciFunction f) {
        int devctl = LinuxLikeHost.pcieOffset(f) + EXP_DEVCTL;
        f.writeWord(devctl, f.readWord(devctl) | EXP_DEVCTL_BCR_FLR);
    }

    @Test
    void flrThroughDeviceControlResetsConfigSpace() {
        flr(e.pf());
        assertEquals(0, e.pf().readWord(COMMAND));
        assertEquals(0, e.pf().readDword(BASE_ADDRESS_0) & BASE_ADDRESS_MEM_MASK);
    }

    @Test
    void flrScrubsTheFunctionsMemory() {
        e.pf().memory(0).write(0, Bytes.fromHex("5a"));
        flr(e.pf());
        assertEquals(0, e.pf().memory(0).populatedPages());
    }

    @Test
    void pfFlrTakesItsVfsAway() {
        LinuxLikeHost.enableVfs(e, 4, 0xF100000000L);
        flr(e.pf());
        assertTrue(e.vfs().isEmpty());
    }

    @Test
    void vfFlrLeavesThePfAndTheOtherVfsAlone() {
        LinuxLikeHost.enableVfs(e, 2, 0xF100000000L);
        PciFunction vf1 = e.vfs().get(0);
        PciFunction vf2 = e.vfs().get(1);
        vf1.writeWord(COMMAND, COMMAND_MASTER);
        vf2.writeWord(COMMAND, COMMAND_MASTER);
        flr(vf1);
        assertEquals(0, vf1.readWord(COMMAND));
        assertEquals(COMMAND_MASTER, vf2.readWord(COMMAND));
        assertEquals(COMMAND_MEMORY | COMMAND_MASTER, e.pf().readWord(COMMAND));
        assertEquals(2, e.vfs().size());
    }

    @Test
    void flrAbortsADoeExchangeInFlight() {
        int doe = e.pf().config().layout().extCapabilityOffset(EXT_CAP_ID_DOE).getAsInt();
        for (int dw : new int[] {0x00010001, 2}) {
            e.pf().writeDword(doe + DOE_WRITE, dw);
        }
        e.pf().writeDword(doe + DOE_CTRL, DOE_CTRL_GO);
        assertTrue(e.doe().orElseThrow().busy());
        flr(e.pf());
        assertFalse(e.doe().orElseThrow().busy());
    }

    @Test
    void flrLeavesTheIdeStreamAlone() {
        IdeRegisters ide = e.ide().orElseThrow();
        e.pf().writeDword(ide.controlOffset(0), IdeRegisters.control(1, true, true));
        e.setIdeStreamState(1, IdeStreamState.SECURE);
        flr(e.pf());
        assertTrue(e.ideStreamSecure(1));
    }

    @Test
    void conventionalResetMakesTheIdeStreamInsecure() {
        IdeRegisters ide = e.ide().orElseThrow();
        e.pf().writeDword(ide.controlOffset(0), IdeRegisters.control(1, true, true));
        e.setIdeStreamState(1, IdeStreamState.SECURE);
        e.conventionalReset();
        assertFalse(e.ideStreamSecure(1));
    }

    @Test
    void functionWithoutFlrCapabilityIgnoresTheBit() {
        Endpoint noFlr = Endpoint.builder(EndpointSpec.builder()
                .pcie(new PcieCapabilitySpec(EXP_TYPE_ENDPOINT, false, true, 0, true)).build()).build();
        LinuxLikeHost.enablePf(noFlr, BAR);
        int pcie = LinuxLikeHost.pcieOffset(noFlr.pf());
        assertEquals(0, noFlr.pf().readDword(pcie + EXP_DEVCAP) & EXP_DEVCAP_FLR);
        flr(noFlr.pf());
        assertEquals(COMMAND_MEMORY | COMMAND_MASTER, noFlr.pf().readWord(COMMAND));
    }

    @Test
    void deviceAdvertisesFlrCapability() {
        int pcie = LinuxLikeHost.pcieOffset(e.pf());
        assertEquals(EXP_DEVCAP_FLR, e.pf().readDword(pcie + EXP_DEVCAP) & EXP_DEVCAP_FLR);
    }
}
