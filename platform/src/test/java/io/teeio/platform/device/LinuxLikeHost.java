package io.teeio.platform.device;

import static io.teeio.platform.pci.PciRegs.*;

import io.teeio.platform.pci.CapabilityWalker;
import io.teeio.platform.pci.ConfigAccessor;

/** Test-side host enumeration, done the way Linux's PCI core does it through config accesses only. */
public final class LinuxLikeHost {
    private LinuxLikeHost() {
    }

    /** __pci_read_base(): write all ones, read the size mask back, restore; returns the size (0 = no BAR). */
    public static long sizeBar(ConfigAccessor cfg, int barOffset) {
        int lo = cfg.readDword(barOffset);
        boolean is64 = (lo & BASE_ADDRESS_MEM_TYPE_64) != 0;
        cfg.writeDword(barOffset, 0xFFFFFFFF);
        long mask = cfg.readDword(barOffset) & 0xFFFFFFF0L;
        cfg.writeDword(barOffset, lo);
        if (is64) {
            int hi = cfg.readDword(barOffset + 4);
            cfg.writeDword(barOffset + 4, 0xFFFFFFFF);
            mask |= (cfg.readDword(barOffset + 4) & 0xFFFFFFFFL) << 32;
            cfg.writeDword(barOffset + 4, hi);
        } else if (mask != 0) {
            mask |= 0xFFFFFFFF00000000L;
        }
        return mask == 0 ? 0 : ~mask + 1;
    }

    public static void assignBar(ConfigAccessor cfg, int barOffset, long address) {
        boolean is64 = (cfg.readDword(barOffset) & BASE_ADDRESS_MEM_TYPE_64) != 0;
        cfg.writeDword(barOffset, (int) address);
        if (is64) {
            cfg.writeDword(barOffset + 4, (int) (address >>> 32));
        }
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
