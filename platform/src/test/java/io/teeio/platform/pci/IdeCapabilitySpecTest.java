package io.teeio.platform.pci;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class IdeCapabilitySpecTest {
    @Test
    void powerOnRegistersCoverTheCapabilityAfterItsHeader() {
        IdeCapabilitySpec spec = new IdeCapabilitySpec(8, 1);
        List<Integer> regs = spec.powerOnRegisters();
        assertEquals(spec.size() / 4 - 1, regs.size());
        assertEquals(spec.capabilityRegister(), regs.get(0));
        assertEquals(0, regs.get(1), "IDE Control");
        assertEquals(1, regs.get(2), "first stream block: one address association block");
    }

    @Test
    void powerOnRegistersMatchWhatTheConfigSpaceModelReads() {
        IdeCapabilitySpec spec = new IdeCapabilitySpec(2, 1);
        ConfigSpace cs = new ConfigSpace(ConfigSpaceBuilder.type0(new PciIdentity(0x8086, 0xFFFF, 1, 0x120000, 0, 0)).ide(spec).build(),
                ConfigWriteListener.NONE);
        int cap = CapabilityWalker.findExtCapability(cs, PciRegs.EXT_CAP_ID_IDE);
        List<Integer> regs = spec.powerOnRegisters();
        for (int i = 0; i < regs.size(); i++) {
            assertEquals(regs.get(i), cs.readDword(cap + 4 + 4 * i), "register " + i);
        }
    }
}
