package io.teeio.platform.pci;

import static io.teeio.platform.pci.PciRegs.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigSpaceTest {
    private static final PciIdentity ID = new PciIdentity(0x8086, 0x1234, 0x02, 0x120000, 0x8086, 0x5678);

    private final List<ConfigWrite> writes = new ArrayList<>();

    private ConfigSpace space(ConfigLayout layout) {
        return new ConfigSpace(layout, writes::add);
    }

    private ConfigSpace endpoint() {
        return space(ConfigSpaceBuilder.type0(ID)
                .bar(BarSpec.mem32(0, 64 * 1024))
                .bar(BarSpec.mem64(2, 2L << 20, true))
                .bar(BarSpec.mem64(4, 8L << 30, true))
                .pcie(PcieCapabilitySpec.endpoint())
                .build());
    }

    @Test
    void identityFieldsReadAsBuilt() {
        ConfigSpace c = endpoint();
        assertEquals(0x8086, c.readWord(VENDOR_ID));
        assertEquals(0x1234, c.readWord(DEVICE_ID));
        assertEquals(0x12000002, c.readDword(REVISION_ID));
        assertEquals(0x5678, c.readWord(SUBSYSTEM_ID));
        assertEquals(HEADER_TYPE_NORMAL, c.readByte(HEADER_TYPE));
    }

    @Test
    void bar32SizingReadsBackTheSizeMask() {
        ConfigSpace c = endpoint();
        c.writeDword(BASE_ADDRESS_0, 0xFFFFFFFF);
        int readBack = c.readDword(BASE_ADDRESS_0);
        assertEquals(64 * 1024, ~(readBack & BASE_ADDRESS_MEM_MASK) + 1);
        assertEquals(0, readBack & BASE_ADDRESS_MEM_TYPE_64);
    }

    @Test
    void bar64SizingSpansBothDwordsAndKeepsThePrefetchableFlag() {
        ConfigSpace c = endpoint();
        c.writeDword(BASE_ADDRESS_0 + 8, 0xFFFFFFFF);
        c.writeDword(BASE_ADDRESS_0 + 12, 0xFFFFFFFF);
        long lo = c.readDword(BASE_ADDRESS_0 + 8) & 0xFFFFFFFFL;
        long hi = c.readDword(BASE_ADDRESS_0 + 12) & 0xFFFFFFFFL;
        long mask = hi << 32 | (lo & 0xFFFFFFF0L);
        assertEquals(2L << 20, ~mask + 1);
        assertEquals(BASE_ADDRESS_MEM_TYPE_64 | BASE_ADDRESS_MEM_PREFETCH, (int) lo & 0xF);
    }

    @Test
    void bar64LargerThan4GiBHasReadOnlyLowBitsInTheUpperDword() {
        ConfigSpace c = endpoint();
        c.writeDword(BASE_ADDRESS_0 + 16, 0xFFFFFFFF);
        c.writeDword(BASE_ADDRESS_0 + 20, 0xFFFFFFFF);
        long lo = c.readDword(BASE_ADDRESS_0 + 16) & 0xFFFFFFF0L;
        long hi = c.readDword(BASE_ADDRESS_0 + 20) & 0xFFFFFFFFL;
        assertEquals(8L << 30, ~(hi << 32 | lo) + 1);
    }

    @Test
    void barAddressBitsBelowTheSizeAreReadOnly() {
        ConfigSpace c = endpoint();
        c.writeDword(BASE_ADDRESS_0, 0xE0001234);
        assertEquals(0xE0000000, c.readDword(BASE_ADDRESS_0));
    }

    @Test
    void unusedBarReadsZeroAfterAllOnes() {
        ConfigSpace c = endpoint();
        c.writeDword(BASE_ADDRESS_0 + 4, 0xFFFFFFFF);
        assertEquals(0, c.readDword(BASE_ADDRESS_0 + 4));
    }

    @Test
    void readOnlyRegisterIgnoresWrites() {
        ConfigSpace c = endpoint();
        c.writeWord(VENDOR_ID, 0x1111);
        assertEquals(0x8086, c.readWord(VENDOR_ID));
    }

    @Test
    void statusErrorBitsClearOnlyWhereOneIsWritten() {
        ConfigSpace c = endpoint();
        c.hwUpdate(STATUS, 2, STATUS_REC_MASTER_ABORT | STATUS_SIG_TARGET_ABORT, true);
        c.writeWord(STATUS, STATUS_REC_MASTER_ABORT);
        int status = c.readWord(STATUS);
        assertEquals(0, status & STATUS_REC_MASTER_ABORT);
        assertEquals(STATUS_SIG_TARGET_ABORT, status & STATUS_SIG_TARGET_ABORT);
    }

    @Test
    void capabilitiesListBitIsSetAndReadOnly() {
        ConfigSpace c = endpoint();
        c.writeWord(STATUS, 0xFFFF);
        assertEquals(STATUS_CAP_LIST, c.readWord(STATUS) & STATUS_CAP_LIST);
    }

    @Test
    void commandEnablesAreReadWrite() {
        ConfigSpace c = endpoint();
        c.writeWord(COMMAND, COMMAND_MEMORY | COMMAND_MASTER);
        assertEquals(COMMAND_MEMORY | COMMAND_MASTER, c.readWord(COMMAND));
    }

    @Test
    void initiateFlrIsAWriteOnlyTriggerThatReadsZero() {
        ConfigSpace c = endpoint();
        int devctl = c.layout().capabilityOffset(CAP_ID_EXP).getAsInt() + EXP_DEVCTL;
        c.writeWord(devctl, c.readWord(devctl) | EXP_DEVCTL_BCR_FLR);
        assertEquals(0, c.readWord(devctl) & EXP_DEVCTL_BCR_FLR);
        assertEquals(Access.WO, c.layout().access(devctl + 1, 7));
        assertTrue(writes.get(writes.size() - 1).wroteOne(EXP_DEVCTL_BCR_FLR));
    }

    @Test
    void accessTypesAreKnownPerBit() {
        ConfigLayout l = endpoint().layout();
        assertEquals(Access.RO, l.access(VENDOR_ID, 0));
        assertEquals(Access.RW, l.access(COMMAND, 1));
        assertEquals(Access.RW1C, l.access(STATUS + 1, 5));
    }

    @Test
    void byteWriteMergesIntoItsDword() {
        ConfigSpace c = endpoint();
        c.writeByte(CACHE_LINE_SIZE, 0x10);
        assertEquals(0x10, c.readDword(CACHE_LINE_SIZE) & 0xFF);
        assertEquals(0x10, c.readByte(CACHE_LINE_SIZE));
    }

    @Test
    void misalignedAccessIsRefused() {
        ConfigSpace c = endpoint();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.readDword(0x02));
        assertTrue(e.getMessage().contains("not naturally aligned"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> c.writeWord(0x03, 0));
    }

    @Test
    void accessBeyondFourKibIsRefused() {
        ConfigSpace c = endpoint();
        assertThrows(IllegalArgumentException.class, () -> c.readDword(0x1000));
    }

    @Test
    void listenerSeesOldAndNewValueOfTheRegisterWritten() {
        ConfigSpace c = endpoint();
        c.writeWord(COMMAND, COMMAND_MEMORY);
        ConfigWrite w = writes.get(0);
        assertEquals(RegisterId.COMMAND, w.register().id());
        assertEquals(0, w.oldValue());
        assertEquals(COMMAND_MEMORY, w.newValue());
    }

    @Test
    void dwordWriteOverCommandAndStatusIsReportedPerRegister() {
        ConfigSpace c = endpoint();
        c.writeDword(COMMAND, COMMAND_MASTER);
        assertEquals(List.of(RegisterId.COMMAND, RegisterId.STATUS),
                writes.stream().map(w -> w.register().id()).toList());
    }

    @Test
    void writeToUndefinedSpaceIsIgnoredAndReportedAsUndefined() {
        ConfigSpace c = endpoint();
        c.writeDword(0xF00, 0xDEADBEEF);
        assertEquals(0, c.readDword(0xF00));
        assertEquals(RegisterId.UNDEFINED, writes.get(0).register().id());
    }

    @Test
    void resetRestoresPowerOnValues() {
        ConfigSpace c = endpoint();
        c.writeWord(COMMAND, COMMAND_MEMORY);
        c.writeDword(BASE_ADDRESS_0, 0xE0000000);
        c.reset();
        assertEquals(0, c.readWord(COMMAND));
        assertEquals(0, c.readDword(BASE_ADDRESS_0));
    }

    @Test
    void sixtyFourBitBarCannotStartAtBar5() {
        assertThrows(IllegalArgumentException.class, () -> BarSpec.mem64(5, 4096, false));
    }

    @Test
    void overlappingBarsAreRejected() {
        ConfigSpaceBuilder b = ConfigSpaceBuilder.type0(ID).bar(BarSpec.mem64(0, 4096, false));
        assertThrows(IllegalArgumentException.class, () -> b.bar(BarSpec.mem32(1, 4096)));
    }

    @Test
    void expansionRomSizingReadsBackItsMaskAndEnableBit() {
        ConfigSpace c = space(ConfigSpaceBuilder.type0(ID).expansionRom(64 * 1024).build());
        c.writeDword(ROM_ADDRESS, 0xFFFFFFFF);
        int v = c.readDword(ROM_ADDRESS);
        assertEquals(64 * 1024, ~(v & ROM_ADDRESS_MASK) + 1);
        assertEquals(ROM_ADDRESS_ENABLE, v & ROM_ADDRESS_ENABLE);
    }

    @Test
    void virtualFunctionReadsAllOnesIdsAndHasNoBars() {
        ConfigSpace vf = space(ConfigSpaceBuilder.virtualFunction(ID).pcie(PcieCapabilitySpec.endpoint()).build());
        assertEquals(0xFFFF, vf.readWord(VENDOR_ID));
        assertEquals(0xFFFF, vf.readWord(DEVICE_ID));
        vf.writeDword(BASE_ADDRESS_0, 0xFFFFFFFF);
        assertEquals(0, vf.readDword(BASE_ADDRESS_0));
    }

    @Test
    void virtualFunctionMemorySpaceEnableIsReadOnlyButBusMasterIsNot() {
        ConfigSpace vf = space(ConfigSpaceBuilder.virtualFunction(ID).build());
        vf.writeWord(COMMAND, COMMAND_MEMORY | COMMAND_MASTER);
        assertEquals(COMMAND_MASTER, vf.readWord(COMMAND));
    }

    @Test
    void bridgeHeaderHasWritableBusNumbers() {
        ConfigSpace c = space(ConfigSpaceBuilder.type1(ID).build());
        c.writeByte(SECONDARY_BUS, 2);
        c.writeByte(SUBORDINATE_BUS, 3);
        assertEquals(HEADER_TYPE_BRIDGE, c.readByte(HEADER_TYPE));
        assertEquals(0x0302, c.readDword(PRIMARY_BUS) >>> 8 & 0xFFFF);
    }

    @Test
    void behaviourReplacesStorageForItsRegister() {
        ConfigSpace c = space(ConfigSpaceBuilder.type0(ID).doe(DoeCapabilitySpec.polled()).build());
        int doe = c.layout().extCapabilityOffset(EXT_CAP_ID_DOE).getAsInt();
        int[] held = {0};
        c.attach(doe + DOE_WRITE, new RegisterBehaviour() {
            public int read() {
                return 0x55;
            }

            public int peek() {
                return held[0];
            }

            public void write(int value, int byteEnable) {
                held[0] = value;
            }

            public void reset() {
                held[0] = 0;
            }
        });
        c.writeDword(doe + DOE_WRITE, 0x1234);
        assertEquals(0x55, c.readDword(doe + DOE_WRITE));
        assertEquals(0x1234, writes.get(0).newValue());
    }
}
