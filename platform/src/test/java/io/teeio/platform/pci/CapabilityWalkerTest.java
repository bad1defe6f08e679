package io.teeio.platform.pci;

import static io.teeio.platform.pci.PciRegs.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class CapabilityWalkerTest {
    private static final PciIdentity ID = new PciIdentity(0x8086, 0xFFFF, 1, 0x120000, 0, 0);

    private static ConfigSpace fullEndpoint() {
        return new ConfigSpace(ConfigSpaceBuilder.type0(ID)
                .bar(BarSpec.mem64(0, 2L << 20, true))
                .pcie(PcieCapabilitySpec.endpoint())
                .msix(new MsixSpec(8, 0, 0x10000, 0, 0x18000))
                .doe(DoeCapabilitySpec.polled())
                .ide(new IdeCapabilitySpec(2, 1))
                .sriov(new SriovSpec(4, 1, 1, 0xFFFE, List.of(BarSpec.mem64(0, 1L << 20, true))))
                .ari(0)
                .build(), ConfigWriteListener.NONE);
    }

    @Test
    void walkingTheStandardListFindsPcieAndMsixWhereTheBuilderPutThem() {
        ConfigSpace c = fullEndpoint();
        int pcie = CapabilityWalker.findCapability(c, CAP_ID_EXP);
        int msix = CapabilityWalker.findCapability(c, CAP_ID_MSIX);
        assertEquals(c.layout().capabilityOffset(CAP_ID_EXP).getAsInt(), pcie);
        assertEquals(c.layout().capabilityOffset(CAP_ID_MSIX).getAsInt(), msix);
        assertEquals(CAP_ID_EXP, c.readByte(pcie));
        assertEquals(CAP_ID_MSIX, c.readByte(msix));
    }

    @Test
    void walkingTheExtendedListFindsDoeIdeSriovAndAri() {
        ConfigSpace c = fullEndpoint();
        for (int id : new int[] {EXT_CAP_ID_DOE, EXT_CAP_ID_IDE, EXT_CAP_ID_SRIOV, EXT_CAP_ID_ARI}) {
            int off = CapabilityWalker.findExtCapability(c, id);
            assertTrue(off >= EXT_CAP_START, "capability 0x" + Integer.toHexString(id) + " not found");
            assertEquals(id, extCapId(c.readDword(off)));
        }
    }

    @Test
    void extendedCapabilitiesCarryVersionOne() {
        ConfigSpace c = fullEndpoint();
        int doe = CapabilityWalker.findExtCapability(c, EXT_CAP_ID_DOE);
        assertEquals(1, extCapVersion(c.readDword(doe)));
    }

    @Test
    void missingCapabilityIsReportedAsZero() {
        ConfigSpace c = fullEndpoint();
        assertEquals(0, CapabilityWalker.findCapability(c, CAP_ID_MSI));
        assertEquals(0, CapabilityWalker.findExtCapability(c, EXT_CAP_ID_ERR));
    }

    @Test
    void withoutTheCapabilitiesListBitTheStandardListIsNotWalked() {
        ConfigSpace bare = new ConfigSpace(ConfigSpaceBuilder.type0(ID).build(), ConfigWriteListener.NONE);
        assertEquals(0, bare.readWord(STATUS) & STATUS_CAP_LIST);
        assertEquals(0, CapabilityWalker.findCapability(bare, CAP_ID_EXP));
    }

    @Test
    void emptyExtendedSpaceYieldsNothing() {
        ConfigSpace bare = new ConfigSpace(ConfigSpaceBuilder.type0(ID).pcie(PcieCapabilitySpec.endpoint()).build(),
                ConfigWriteListener.NONE);
        assertEquals(0, CapabilityWalker.findExtCapability(bare, EXT_CAP_ID_DOE));
    }

    @Test
    void listReportsEveryCapabilityInChainOrder() {
        List<CapabilityWalker.FoundCapability> found = CapabilityWalker.list(fullEndpoint());
        assertEquals(List.of(CAP_ID_EXP, CAP_ID_MSIX, EXT_CAP_ID_DOE, EXT_CAP_ID_IDE, EXT_CAP_ID_SRIOV, EXT_CAP_ID_ARI),
                found.stream().map(CapabilityWalker.FoundCapability::id).toList());
    }

    @Test
    void findNextExtCapabilityContinuesAfterTheGivenOne() {
        ConfigSpace c = new ConfigSpace(ConfigSpaceBuilder.type0(ID).doe(DoeCapabilitySpec.polled())
                .ide(new IdeCapabilitySpec(1, 0)).build(), ConfigWriteListener.NONE);
        int doe = CapabilityWalker.findExtCapability(c, EXT_CAP_ID_DOE);
        assertEquals(0, CapabilityWalker.findNextExtCapability(c, doe, EXT_CAP_ID_DOE));
        assertTrue(CapabilityWalker.findNextExtCapability(c, doe, EXT_CAP_ID_IDE) > doe);
    }

    @Test
    void aLoopingStandardListEndsAfterTheTtl() {
        // a capability at 0x40 that points to itself: Linux's TTL stops the walk
        ConfigAccessor looping = new ConfigAccessor() {
            public int read(int offset, int size) {
                if (offset == STATUS) {
                    return STATUS_CAP_LIST;
                }
                if (offset == CAPABILITY_LIST) {
                    return 0x40;
                }
                return offset == 0x40 ? 0x4001 : 0;
            }

            public void write(int offset, int size, int value) {
            }
        };
        assertEquals(0, CapabilityWalker.findCapability(looping, CAP_ID_EXP));
    }

    @Test
    void aLoopingExtendedListEndsAfterTheTtl() {
        ConfigAccessor looping = new ConfigAccessor() {
            public int read(int offset, int size) {
                return offset == 0x100 ? extCapHeader(EXT_CAP_ID_ERR, 1, 0x100) : 0;
            }

            public void write(int offset, int size, int value) {
            }
        };
        assertEquals(0, CapabilityWalker.findExtCapability(looping, EXT_CAP_ID_DOE));
    }

    @Test
    void extendedCapabilitiesThatDoNotFitInFourKibAreRejected() {
        ConfigSpaceBuilder b = ConfigSpaceBuilder.type0(ID).ide(new IdeCapabilitySpec(256, 15));
        IllegalStateException e = assertThrows(IllegalStateException.class, b::build);
        assertTrue(e.getMessage().contains("do not fit"), e.getMessage());
    }
}
