package io.teeio.platform.machine;

import static io.teeio.platform.pci.PciRegs.BASE_ADDRESS_0;
import static io.teeio.platform.pci.PciRegs.BASE_ADDRESS_MEM_TYPE_64;
import static io.teeio.platform.pci.PciRegs.COMMAND;
import static io.teeio.platform.pci.PciRegs.COMMAND_MASTER;
import static io.teeio.platform.pci.PciRegs.COMMAND_MEMORY;
import static io.teeio.platform.pci.PciRegs.EXT_CAP_ID_SRIOV;
import static io.teeio.platform.pci.PciRegs.PRIMARY_BUS;
import static io.teeio.platform.pci.PciRegs.SECONDARY_BUS;
import static io.teeio.platform.pci.PciRegs.SRIOV_BAR;
import static io.teeio.platform.pci.PciRegs.SRIOV_CTRL;
import static io.teeio.platform.pci.PciRegs.SRIOV_CTRL_MSE;
import static io.teeio.platform.pci.PciRegs.SRIOV_CTRL_VFE;
import static io.teeio.platform.pci.PciRegs.SRIOV_NUM_VF;
import static io.teeio.platform.pci.PciRegs.SUBORDINATE_BUS;

import io.teeio.platform.device.Endpoint;
import io.teeio.platform.device.PciFunction;
import io.teeio.platform.dsm.EmulatedDevice;
import io.teeio.platform.pci.CapabilityWalker;
import io.teeio.platform.pci.ConfigAccessor;

/**
 * What firmware and the PCI core do at boot, through config accesses only: bus numbers on the root port,
 * BAR sizing and assignment, memory and bus mastering, and SR-IOV VFs with their BARs.
 */
public final class PciEnumeration {
    /** Where the PF's BAR 0 goes. */
    public static final long PF_BAR0 = 0xF0_0000_0000L;
    /** Where VF BAR 0s go, one after another. */
    public static final long VF_BAR0 = 0xF1_0000_0000L;

    private PciEnumeration() {
    }

    public static void enumerate(EmulatedDevice device, int vfs) {
        var rp = device.rootPort();
        rp.writeByte(PRIMARY_BUS, 0);
        rp.writeByte(SECONDARY_BUS, 1);
        rp.writeByte(SUBORDINATE_BUS, 2);
        rp.writeWord(COMMAND, COMMAND_MEMORY | COMMAND_MASTER);
        Endpoint e = device.endpoint();
        ConfigAccessor pf = e.pf();
        sizeBar(pf, BASE_ADDRESS_0);
        assignBar(pf, BASE_ADDRESS_0, PF_BAR0);
        pf.writeWord(COMMAND, pf.readWord(COMMAND) | COMMAND_MEMORY | COMMAND_MASTER);
        if (vfs > 0) {
            int sriov = CapabilityWalker.findExtCapability(pf, EXT_CAP_ID_SRIOV);
            pf.writeWord(sriov + SRIOV_NUM_VF, vfs);
            sizeBar(pf, sriov + SRIOV_BAR);
            assignBar(pf, sriov + SRIOV_BAR, VF_BAR0);
            pf.writeWord(sriov + SRIOV_CTRL, SRIOV_CTRL_VFE | SRIOV_CTRL_MSE);
            for (PciFunction vf : e.vfs()) {
                vf.writeWord(COMMAND, COMMAND_MASTER);
            }
        }
    }

    /** Writes all ones, reads the size mask back, restores: the BAR sizing protocol. Returns the size. */
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
}
