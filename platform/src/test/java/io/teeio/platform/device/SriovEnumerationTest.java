package io.teeio.platform.device;

import static io.teeio.platform.pci.PciRegs.*;
import static org.junit.jupiter.api.Assertions.*;

import io.teeio.platform.pci.RoutingId;
import io.teeio.spdm.codec.Bytes;
import org.junit.jupiter.api.Test;

class SriovEnumerationTest {
    private static final long PF_BAR = 0xF000000000L;
    private static final long VF_BAR = 0xF100000000L;

    private static Endpoint endpoint(int totalVfs) {
        return Endpoint.builder(EndpointSpec.builder().vfs(totalVfs).build()).build();
    }

    @Test
    void noVfsExistBeforeVfEnable() {
        Endpoint e = endpoint(4);
        assertTrue(e.vfs().isEmpty());
        assertEquals(4, e.pf().readWord(LinuxLikeHost.sriovOffset(e) + SRIOV_TOTAL_VF));
    }

    @Test
    void fourVfsTakeRoutingIdsFromFirstVfOffsetAndStride() {
        Endpoint e = endpoint(4);
        LinuxLikeHost.enableVfs(e, 4, VF_BAR);
        int sriov = LinuxLikeHost.sriovOffset(e);
        int offset = e.pf().readWord(sriov + SRIOV_VF_OFFSET);
        int stride = e.pf().readWord(sriov + SRIOV_VF_STRIDE);
        assertEquals(4, e.vfs().size());
        for (int n = 1; n <= 4; n++) {
            RoutingId expected = RoutingId.of(1, 0, 0).plus(offset + (n - 1) * stride);
            assertEquals(expected, e.vfs().get(n - 1).routingId());
            assertSame(e.vfs().get(n - 1), e.function(expected).orElseThrow());
        }
    }

    @Test
    void vfConfigSpaceIsReachableByRoutingIdAndReadsAllOnesIds() {
        Endpoint e = endpoint(4);
        LinuxLikeHost.enableVfs(e, 4, VF_BAR);
        RoutingId vf2 = e.vfs().get(1).routingId();
        assertEquals(0xFFFFFFFF, e.configRead(vf2, VENDOR_ID, 4));
        assertEquals(0xFFFE, e.pf().readWord(LinuxLikeHost.sriovOffset(e) + SRIOV_VF_DID));
    }

    @Test
    void vfBarSizingGivesThePerVfSize() {
        Endpoint e = endpoint(4);
        assertEquals(1L << 20, LinuxLikeHost.enableVfs(e, 4, VF_BAR));
    }

    @Test
    void vfBarsFollowEachOtherFromTheVfBarBase() {
        Endpoint e = endpoint(4);
        LinuxLikeHost.enableVfs(e, 4, VF_BAR);
        for (int n = 1; n <= 4; n++) {
            assertEquals(VF_BAR + (n - 1) * (1L << 20), e.vfs().get(n - 1).barAddress(0).getAsLong());
        }
    }

    @Test
    void mmioToAVfBarLandsInThatVfsMemory() {
        Endpoint e = endpoint(4);
        LinuxLikeHost.enableVfs(e, 4, VF_BAR);
        Bytes data = Bytes.fromHex("cafef00d");
        assertTrue(e.mmio(MmioRequest.write(VF_BAR + 2 * (1L << 20) + 0x40, data, false)).served());
        assertEquals(data, e.vfs().get(2).memory(0).read(0x40, 4));
        assertEquals(Bytes.zeros(4), e.vfs().get(1).memory(0).read(0x40, 4));
    }

    @Test
    void twoHundredFiftySixVfsAreCreatedWithEveryBarAssigned() {
        Endpoint e = endpoint(256);
        LinuxLikeHost.enablePf(e, PF_BAR);
        long size = LinuxLikeHost.enableVfs(e, 256, VF_BAR);
        assertEquals(256, e.vfs().size());
        assertEquals(RoutingId.of(2, 0, 0), e.vfs().get(255).routingId(), "VF256 of 01:00.0 spills onto bus 2");
        for (int n = 1; n <= 256; n++) {
            PciFunction vf = e.vfs().get(n - 1);
            long bar = VF_BAR + (n - 1) * size;
            assertEquals(bar, vf.barAddress(0).getAsLong());
            assertTrue(e.mmio(MmioRequest.write(bar + 8, Bytes.of((byte) n), false)).served());
        }
        for (int n = 1; n <= 256; n++) {
            assertEquals((byte) n, (byte) e.vfs().get(n - 1).memory(0).read(8, 1).get(0));
            assertEquals(1, e.vfs().get(n - 1).memory(0).populatedPages());
        }
    }

    @Test
    void clearingVfEnableRemovesTheVfs() {
        Endpoint e = endpoint(4);
        LinuxLikeHost.enableVfs(e, 4, VF_BAR);
        PciFunction vf1 = e.vfs().get(0);
        e.pf().writeWord(LinuxLikeHost.sriovOffset(e) + SRIOV_CTRL, 0);
        assertTrue(e.vfs().isEmpty());
        assertFalse(vf1.present());
        assertFalse(e.mmio(MmioRequest.read(VF_BAR, 4, false)).served());
    }

    @Test
    void vfEnableWithNumVfsAboveTotalVfsIsRefused() {
        Endpoint e = endpoint(4);
        int sriov = LinuxLikeHost.sriovOffset(e);
        e.pf().writeWord(sriov + SRIOV_NUM_VF, 5);
        e.pf().writeWord(sriov + SRIOV_CTRL, SRIOV_CTRL_VFE);
        assertTrue(e.vfs().isEmpty());
        assertEquals(0, e.pf().readWord(sriov + SRIOV_CTRL) & SRIOV_CTRL_VFE);
    }

    @Test
    void numVfsCannotChangeWhileVfsAreEnabled() {
        Endpoint e = endpoint(4);
        LinuxLikeHost.enableVfs(e, 2, VF_BAR);
        e.pf().writeWord(LinuxLikeHost.sriovOffset(e) + SRIOV_NUM_VF, 4);
        assertEquals(2, e.pf().readWord(LinuxLikeHost.sriovOffset(e) + SRIOV_NUM_VF));
    }

    @Test
    void vfMemoryDecodeNeedsVfMse() {
        Endpoint e = endpoint(4);
        LinuxLikeHost.enableVfs(e, 1, VF_BAR);
        e.pf().writeWord(LinuxLikeHost.sriovOffset(e) + SRIOV_CTRL, SRIOV_CTRL_VFE);
        MmioOutcome o = e.mmio(MmioRequest.read(VF_BAR, 4, false));
        assertEquals(CompletionStatus.UNSUPPORTED_REQUEST, o.status());
        assertTrue(o.reason().contains("Memory Space Enable"), o.reason());
    }

    @Test
    void absentFunctionReadsAllOnesAndIgnoresWrites() {
        Endpoint e = endpoint(4);
        RoutingId nobody = RoutingId.of(1, 0, 3);
        e.configWrite(nobody, COMMAND, 2, COMMAND_MEMORY);
        assertEquals(0xFFFF, e.configRead(nobody, VENDOR_ID, 2));
    }

    @Test
    void capturingANewBusNumberMovesEveryRoutingId() {
        Endpoint e = endpoint(4);
        LinuxLikeHost.enableVfs(e, 4, VF_BAR);
        e.captureBusNumber(5);
        assertEquals(RoutingId.of(5, 0, 0), e.pf().routingId());
        assertEquals(RoutingId.of(5, 0, 1), e.vfs().get(0).routingId());
    }

    @Test
    void pfBarIsSizedAndAssignedThroughConfigWrites() {
        Endpoint e = endpoint(4);
        assertEquals(2L << 20, LinuxLikeHost.sizeBar(e.pf(), BASE_ADDRESS_0));
        LinuxLikeHost.enablePf(e, PF_BAR);
        assertEquals(PF_BAR, e.pf().barAddress(0).getAsLong());
    }
}
