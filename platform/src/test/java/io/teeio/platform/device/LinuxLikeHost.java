package io.teeio.platform.device;

import static io.teeio.platform.pci.PciRegs.*;

import io.teeio.platform.machine.PciEnumeration;
import io.teeio.platform.pci.CapabilityWalker;
import io.teeio.platform.pci.ConfigAccessor;

/** Test-side host enumeration, done the way Linux's PCI core does it through config accesses only. */
public final class LinuxLikeHost {
    private LinuxLikeHost() {
    }

    /** __pci_read_base(): write all ones, read the size mask back, restore; returns the size (0 = no BAR). */
    public static long sizeBar(ConfigAccessor cfg, int barOffset) {
        return PciEnumeration.sizeBar(cfg, barOffset);
    }

    public static void assignBar(ConfigAccessor cfg, int barOffset, long address) {
        PciEnumeration.assignBar(cfg, barOffset, address);
    }

    /** Sizes and assigns the PF's BAR0 at {@code address}, then enables memory and bus mastering. */
    public static void enablePf(Endpoint e, long bar0Address) {
        ConfigAccessor pf = e.pf();
        sizeBar(pf, BASE_ADDRESS_0);
        assignBar(pf, BASE_ADDRESS_0, bar0Address);
        pf.writeWord(COMMAND, pf.readWord(COMMAND) | COMMAND_MEMORY | COMMAND_MASTER);
    }

    /** sriov_enable(): NumVFs, VF BAR0 base, VF Enable + VF MSE. Returns the per-VF BAR0 size. */
    public static long enableVfs(Endpoint e, int numVfs, long vfBar0Base) {
        ConfigAccessor pf = e.pf();
        int sriov = CapabilityWalker.findExtCapability(pf, EXT_CAP_ID_SRIOV);
        pf.writeWord(sriov + SRIOV_NUM_VF, numVfs);
        long size = sizeBar(pf, sriov + SRIOV_BAR);
        assignBar(pf, sriov + SRIOV_BAR, vfBar0Base);
        pf.writeWord(sriov + SRIOV_CTRL, SRIOV_CTRL_VFE | SRIOV_CTRL_MSE);
        return size;
    }

    public static int sriovOffset(Endpoint e) {
        return CapabilityWalker.findExtCapability(e.pf(), EXT_CAP_ID_SRIOV);
    }

    public static int pcieOffset(ConfigAccessor cfg) {
        return CapabilityWalker.findCapability(cfg, CAP_ID_EXP);
    }
}
