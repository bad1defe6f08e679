package io.teeio.platform.pci;

import static io.teeio.platform.pci.PciRegs.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class ConfigSpacePropertiesTest {
    record Access(int offset, int size, int value) {
    }

    @Provide
    Arbitrary<List<Access>> writes() {
        Arbitrary<Integer> size = Arbitraries.of(1, 2, 4);
        Arbitrary<Access> one = Combinators.combine(size, Arbitraries.integers().between(0, 4095),
                Arbitraries.integers()).as((s, off, v) -> new Access(off - off % s, s, v));
        return one.list().ofMaxSize(200);
    }

    private static ConfigSpace space() {
        return new ConfigSpace(ConfigSpaceBuilder.type0(new PciIdentity(0x8086, 0xFFFF, 1, 0x120000, 0x8086, 1))
                .bar(BarSpec.mem64(0, 2L << 20, true))
                .bar(BarSpec.mem32(2, 4096))
                .pcie(PcieCapabilitySpec.endpoint())
                .msix(new MsixSpec(8, 0, 0x10000, 0, 0x18000))
                .ide(new IdeCapabilitySpec(2, 1))
                .sriov(new SriovSpec(4, 1, 1, 0xFFFE, List.of(BarSpec.mem64(0, 1L << 20, true))))
                .build(), ConfigWriteListener.NONE);
    }

    @Property(tries = 200)
    void anyAlignedWritesLeaveReadOnlyIdentityAndCapabilityListIntact(@ForAll("writes") List<Access> writes) {
        ConfigSpace c = space();
        List<CapabilityWalker.FoundCapability> caps = CapabilityWalker.list(c);
        for (Access a : writes) {
            c.write(a.offset(), a.size(), a.value());
        }
        assertEquals(0x8086, c.readWord(VENDOR_ID));
        assertEquals(0xFFFF, c.readWord(DEVICE_ID));
        assertEquals(BASE_ADDRESS_MEM_TYPE_64 | BASE_ADDRESS_MEM_PREFETCH, c.readDword(BASE_ADDRESS_0) & 0xF);
        assertEquals(0, c.readDword(BASE_ADDRESS_0 + 8) & 0xFFF, "a 4 KiB BAR keeps its low bits");
        assertEquals(caps, CapabilityWalker.list(c));
    }

    @Property(tries = 200)
    void misalignedAccessesAreAlwaysRefusedAndNeverChangeAnything(@ForAll("writes") List<Access> writes) {
        ConfigSpace c = space();
        for (Access a : writes) {
            if (a.size() > 1) {
                int bad = a.offset() + 1;
                assertThrows(IllegalArgumentException.class, () -> c.write(bad, a.size(), a.value()));
            }
        }
        assertEquals(0, c.readWord(COMMAND));
    }
}
