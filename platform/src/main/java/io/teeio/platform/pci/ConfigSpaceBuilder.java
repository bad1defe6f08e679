package io.teeio.platform.pci;

import static io.teeio.platform.pci.PciRegs.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Lays out a function's config space: the header (type 0 endpoint, type 0 virtual function, or type 1
 * bridge), standard capabilities from 0x40 chained from the Capabilities Pointer, extended capabilities
 * chained from 0x100, in the order they are added.
 */
public final class ConfigSpaceBuilder {
    private enum Kind { ENDPOINT, VIRTUAL_FUNCTION, BRIDGE }

    private final Kind kind;
    private final PciIdentity identity;
    private final List<BarSpec> bars = new ArrayList<>();
    private long romSize;
    private int interruptPin;
    private boolean multiFunction;
    private final List<StdCap> stdCaps = new ArrayList<>();
    private final List<ExtCap> extCaps = new ArrayList<>();

    private record StdCap(int id, int size, IntConsumer body) {
    }

    private record ExtCap(int id, int version, int size, IntConsumer body) {
    }

    private final ConfigLayout.Fields f = new ConfigLayout.Fields();

    private ConfigSpaceBuilder(Kind kind, PciIdentity identity) {
        this.kind = kind;
        this.identity = identity;
    }

    /** A type 0 header for a physical function. */
    public static ConfigSpaceBuilder type0(PciIdentity identity) {
        return new ConfigSpaceBuilder(Kind.ENDPOINT, identity);
    }

    /**
     * A virtual function: Vendor and Device ID read 0xFFFF (software takes them from the PF and its SR-IOV
     * capability), BARs read 0 (the VF BARs are in the PF), Memory Space Enable is read-only 0 (VF MSE is in
     * the PF), Bus Master Enable is the VF's own.
     */
    public static ConfigSpaceBuilder virtualFunction(PciIdentity pfIdentity) {
        return new ConfigSpaceBuilder(Kind.VIRTUAL_FUNCTION, pfIdentity);
    }

    /** A type 1 header (root port, switch port). */
    public static ConfigSpaceBuilder type1(PciIdentity identity) {
        return new ConfigSpaceBuilder(Kind.BRIDGE, identity);
    }

    public ConfigSpaceBuilder bar(BarSpec bar) {
        if (kind != Kind.ENDPOINT) {
            throw new IllegalStateException("only a type 0 physical function has memory BARs here");
        }
        for (BarSpec b : bars) {
            boolean clash = b.index() == bar.index() || (b.is64Bit() && b.index() + 1 == bar.index())
                    || (bar.is64Bit() && bar.index() + 1 == b.index());
            if (clash) {
                throw new IllegalArgumentException(bar.describe() + " overlaps " + b.describe());
            }
        }
        bars.add(bar);
        return this;
    }

    public ConfigSpaceBuilder expansionRom(long size) {
        if (kind != Kind.ENDPOINT || size < 2048 || Long.bitCount(size) != 1 || size > (1L << 24)) {
            throw new IllegalArgumentException("expansion ROM size must be a power of two 2 KiB..16 MiB on a PF");
        }
        romSize = size;
        return this;
    }

    public ConfigSpaceBuilder interruptPin(int pin) {
        if (pin < 0 || pin > 4) {
            throw new IllegalArgumentException("interrupt pin must be 0 (none) or 1..4 (INTA..INTD)");
        }
        interruptPin = pin;
        return this;
    }

    public ConfigSpaceBuilder multiFunction(boolean value) {
        multiFunction = value;
        return this;
    }

    public ConfigSpaceBuilder pcie(PcieCapabilitySpec spec) {
        stdCaps.add(new StdCap(CAP_ID_EXP, EXP_CAP_SIZEOF, o -> pcieBody(o, spec)));
        return this;
    }

    public ConfigSpaceBuilder msix(MsixSpec spec) {
        stdCaps.add(new StdCap(CAP_ID_MSIX, MSIX_CAP_SIZEOF, o -> {
            f.rw(RegisterId.MSIX_CONTROL, -1, o + MSIX_FLAGS, 2, spec.tableSize() - 1,
                    MSIX_FLAGS_MASKALL | MSIX_FLAGS_ENABLE);
            f.ro(RegisterId.MSIX_TABLE, -1, o + MSIX_TABLE, 4, spec.tableOffset() | spec.tableBir());
            f.ro(RegisterId.MSIX_PBA, -1, o + MSIX_PBA, 4, spec.pbaOffset() | spec.pbaBir());
        }));
        return this;
    }

    public ConfigSpaceBuilder doe(DoeCapabilitySpec spec) {
        extCaps.add(new ExtCap(EXT_CAP_ID_DOE, 1, DOE_CAP_SIZEOF, o -> {
            f.ro(RegisterId.DOE_CAP, -1, o + DOE_CAP, 4, spec.capabilitiesRegister());
            f.define(RegisterId.DOE_CONTROL, -1, o + DOE_CTRL, 4, 0,
                    spec.interruptSupport() ? DOE_CTRL_INT_EN : 0, 0, DOE_CTRL_ABORT | DOE_CTRL_GO);
            f.define(RegisterId.DOE_STATUS, -1, o + DOE_STATUS, 4, 0, 0, DOE_STATUS_INT_STATUS, 0);
            f.define(RegisterId.DOE_WRITE_MAILBOX, -1, o + DOE_WRITE, 4, 0, 0, 0, 0xFFFFFFFF);
            f.ro(RegisterId.DOE_READ_MAILBOX, -1, o + DOE_READ, 4, 0);
        }));
        return this;
    }

    public ConfigSpaceBuilder ide(IdeCapabilitySpec spec) {
        extCaps.add(new ExtCap(EXT_CAP_ID_IDE, 1, spec.size(), o -> {
            f.ro(RegisterId.IDE_CAP, -1, o + IDE_CAP, 4, spec.capabilityRegister());
            f.ro(RegisterId.IDE_CONTROL, -1, o + IDE_CTRL, 4, 0);
            for (int b = 0; b < spec.selectiveStreams(); b++) {
                int s = o + spec.streamBlockOffset(b);
                f.ro(RegisterId.IDE_SEL_CAP, b, s + IDE_SEL_CAP, 4, spec.addressBlocksPerStream());
                // bit 23 is reserved; everything else of Selective IDE Stream Control is software's
                f.rw(RegisterId.IDE_SEL_CONTROL, b, s + IDE_SEL_CTRL, 4, 0, 0xFF7FFFFF);
                f.ro(RegisterId.IDE_SEL_STATUS, b, s + IDE_SEL_STATUS, 4, 0);
                f.rw(RegisterId.IDE_SEL_RID_1, b, s + IDE_SEL_RID_1, 4, 0, 0x00FFFF00);
                f.rw(RegisterId.IDE_SEL_RID_2, b, s + IDE_SEL_RID_2, 4, 0, 0x00FFFF01);
                for (int a = 0; a < spec.addressBlocksPerStream(); a++) {
                    int ab = s + IDE_SEL_ADDR_BLOCKS + a * IDE_SEL_ADDR_BLOCK_SIZE;
                    f.rw(RegisterId.IDE_SEL_ADDR, b, ab, 4, 0, 0xFFFFFF01);
                    f.rw(RegisterId.IDE_SEL_ADDR, b, ab + 4, 4, 0, 0xFFFFFFFF);
                    f.rw(RegisterId.IDE_SEL_ADDR, b, ab + 8, 4, 0, 0xFFFFFFFF);
                }
            }
        }));
        return this;
    }

    public ConfigSpaceBuilder sriov(SriovSpec spec) {
        if (kind != Kind.ENDPOINT) {
            throw new IllegalStateException("only a physical function has an SR-IOV capability");
        }
        extCaps.add(new ExtCap(EXT_CAP_ID_SRIOV, 1, SRIOV_CAP_SIZEOF, o -> {
            f.ro(RegisterId.SRIOV_CAP, -1, o + SRIOV_CAP, 4, 0);
            f.rw(RegisterId.SRIOV_CONTROL, -1, o + SRIOV_CTRL, 2, 0, SRIOV_CTRL_VFE | SRIOV_CTRL_MSE | SRIOV_CTRL_ARI);
            f.ro(RegisterId.SRIOV_STATUS, -1, o + SRIOV_STATUS, 2, 0);
            f.ro(RegisterId.SRIOV_INITIAL_VFS, -1, o + SRIOV_INITIAL_VF, 2, spec.totalVfs());
            f.ro(RegisterId.SRIOV_TOTAL_VFS, -1, o + SRIOV_TOTAL_VF, 2, spec.totalVfs());
            f.rw(RegisterId.SRIOV_NUM_VFS, -1, o + SRIOV_NUM_VF, 2, 0, 0xFFFF);
            f.ro(RegisterId.SRIOV_FUNC_LINK, -1, o + SRIOV_FUNC_LINK, 1, 0);
            f.ro(RegisterId.SRIOV_VF_OFFSET, -1, o + SRIOV_VF_OFFSET, 2, spec.firstVfOffset());
            f.ro(RegisterId.SRIOV_VF_STRIDE, -1, o + SRIOV_VF_STRIDE, 2, spec.vfStride());
            f.ro(RegisterId.SRIOV_VF_DEVICE_ID, -1, o + SRIOV_VF_DID, 2, spec.vfDeviceId());
            // 4K, 8K, 64K, 256K, 1M, 4M
            f.ro(RegisterId.SRIOV_SUPPORTED_PAGE_SIZES, -1, o + SRIOV_SUP_PGSIZE, 4, 0x553);
            f.rw(RegisterId.SRIOV_SYSTEM_PAGE_SIZE, -1, o + SRIOV_SYS_PGSIZE, 4, 0x1, 0x553);
            barRegisters(RegisterId.SRIOV_VF_BAR, o + SRIOV_BAR, spec.vfBars());
            f.ro(RegisterId.SRIOV_MIGRATION_STATE, -1, o + SRIOV_VFM, 4, 0);
        }));
        return this;
    }

    /** The ARI capability (lets a device use 8-bit function numbers; VFs beyond function 7 rely on it). */
    public ConfigSpaceBuilder ari(int nextFunctionNumber) {
        extCaps.add(new ExtCap(EXT_CAP_ID_ARI, 1, ARI_CAP_SIZEOF, o -> {
            f.ro(RegisterId.ARI_CAP, -1, o + ARI_CAP, 2, (nextFunctionNumber & 0xFF) << 8);
            f.rw(RegisterId.ARI_CONTROL, -1, o + ARI_CTRL, 2, 0, 0x0073);
        }));
        return this;
    }

    public ConfigLayout build() {
        if (kind == Kind.BRIDGE) {
            type1Header();
        } else {
            type0Header();
        }
        Map<Integer, Integer> capOffsets = new LinkedHashMap<>();
        int pos = STD_HEADER_END;
        int prevNext = CAPABILITY_LIST;
        for (StdCap cap : stdCaps) {
            if (pos + cap.size() > EXT_CAP_START) {
                throw new IllegalStateException("standard capabilities do not fit below 0x100");
            }
            if (capOffsets.putIfAbsent(cap.id(), pos) != null) {
                throw new IllegalStateException("capability 0x" + Integer.toHexString(cap.id()) + " added twice");
            }
            f.ro(RegisterId.CAP_HEADER, cap.id(), pos, 2, cap.id());
            cap.body().accept(pos);
            f.setInitial(prevNext, 1, pos);
            prevNext = pos + CAP_LIST_NEXT;
            pos = (pos + cap.size() + 3) & ~3;
        }
        if (!stdCaps.isEmpty()) {
            f.setInitial(STATUS, 2, f.initialValue(STATUS, 2) | STATUS_CAP_LIST);
        }
        Map<Integer, Integer> extOffsets = new LinkedHashMap<>();
        pos = EXT_CAP_START;
        Register prevHeader = null;
        for (ExtCap cap : extCaps) {
            if (pos + cap.size() > CONFIG_SPACE_SIZE) {
                throw new IllegalStateException("extended capabilities do not fit in 4 KiB");
            }
            if (extOffsets.putIfAbsent(cap.id(), pos) != null) {
                throw new IllegalStateException("extended capability 0x" + Integer.toHexString(cap.id()) + " added twice");
            }
            Register header = f.ro(RegisterId.EXT_CAP_HEADER, cap.id(), pos, 4, extCapHeader(cap.id(), cap.version(), 0));
            cap.body().accept(pos);
            if (prevHeader != null) {
                int prev = f.initialValue(prevHeader.offset(), 4);
                f.setInitial(prevHeader.offset(), 4, prev | (pos & 0xFFF) << 20);
            }
            prevHeader = header;
            pos = (pos + cap.size() + 3) & ~3;
        }
        return new ConfigLayout(f, capOffsets, extOffsets, kind == Kind.ENDPOINT ? bars : List.of());
    }

    private void type0Header() {
        boolean vf = kind == Kind.VIRTUAL_FUNCTION;
        f.ro(RegisterId.VENDOR_ID, -1, VENDOR_ID, 2, vf ? 0xFFFF : identity.vendorId());
        f.ro(RegisterId.DEVICE_ID, -1, DEVICE_ID, 2, vf ? 0xFFFF : identity.deviceId());
        int cmdRw = vf ? COMMAND_MASTER : COMMAND_MEMORY | COMMAND_MASTER | COMMAND_PARITY | COMMAND_SERR | COMMAND_INTX_DISABLE;
        f.rw(RegisterId.COMMAND, -1, COMMAND, 2, 0, cmdRw);
        f.define(RegisterId.STATUS, -1, STATUS, 2, 0, 0, STATUS_ERROR_BITS, 0);
        f.ro(RegisterId.CLASS_REVISION, -1, REVISION_ID, 4, identity.classCode() << 8 | identity.revisionId());
        f.rw(RegisterId.CACHE_LINE_SIZE, -1, CACHE_LINE_SIZE, 1, 0, 0xFF);
        f.ro(RegisterId.LATENCY_TIMER, -1, LATENCY_TIMER, 1, 0);
        f.ro(RegisterId.HEADER_TYPE, -1, HEADER_TYPE, 1, HEADER_TYPE_NORMAL | (multiFunction ? HEADER_TYPE_MULTI_FUNCTION : 0));
        f.ro(RegisterId.BIST, -1, BIST, 1, 0);
        barRegisters(RegisterId.BAR, BASE_ADDRESS_0, vf ? List.of() : bars);
        f.ro(RegisterId.CARDBUS_CIS, -1, CARDBUS_CIS, 4, 0);
        f.ro(RegisterId.SUBSYSTEM_VENDOR_ID, -1, SUBSYSTEM_VENDOR_ID, 2, identity.subsystemVendorId());
        f.ro(RegisterId.SUBSYSTEM_ID, -1, SUBSYSTEM_ID, 2, identity.subsystemId());
        if (romSize > 0) {
            f.rw(RegisterId.EXPANSION_ROM, -1, ROM_ADDRESS, 4, 0, ((int) ~(romSize - 1) & ROM_ADDRESS_MASK) | ROM_ADDRESS_ENABLE);
        } else {
            f.ro(RegisterId.EXPANSION_ROM, -1, ROM_ADDRESS, 4, 0);
        }
        f.ro(RegisterId.CAPABILITIES_POINTER, -1, CAPABILITY_LIST, 1, 0);
        f.rw(RegisterId.INTERRUPT_LINE, -1, INTERRUPT_LINE, 1, 0, 0xFF);
        f.ro(RegisterId.INTERRUPT_PIN, -1, INTERRUPT_PIN, 1, vf ? 0 : interruptPin);
        f.ro(RegisterId.MIN_GNT, -1, MIN_GNT, 1, 0);
        f.ro(RegisterId.MAX_LAT, -1, MAX_LAT, 1, 0);
    }

    private void type1Header() {
        f.ro(RegisterId.VENDOR_ID, -1, VENDOR_ID, 2, identity.vendorId());
        f.ro(RegisterId.DEVICE_ID, -1, DEVICE_ID, 2, identity.deviceId());
        f.rw(RegisterId.COMMAND, -1, COMMAND, 2, 0,
                COMMAND_IO | COMMAND_MEMORY | COMMAND_MASTER | COMMAND_PARITY | COMMAND_SERR | COMMAND_INTX_DISABLE);
        f.define(RegisterId.STATUS, -1, STATUS, 2, 0, 0, STATUS_ERROR_BITS, 0);
        f.ro(RegisterId.CLASS_REVISION, -1, REVISION_ID, 4, identity.classCode() << 8 | identity.revisionId());
        f.rw(RegisterId.CACHE_LINE_SIZE, -1, CACHE_LINE_SIZE, 1, 0, 0xFF);
        f.ro(RegisterId.LATENCY_TIMER, -1, LATENCY_TIMER, 1, 0);
        f.ro(RegisterId.HEADER_TYPE, -1, HEADER_TYPE, 1, HEADER_TYPE_BRIDGE | (multiFunction ? HEADER_TYPE_MULTI_FUNCTION : 0));
        f.ro(RegisterId.BIST, -1, BIST, 1, 0);
        f.ro(RegisterId.BAR, 0, BASE_ADDRESS_0, 4, 0);
        f.ro(RegisterId.BAR, 1, BASE_ADDRESS_0 + 4, 4, 0);
        f.rw(RegisterId.PRIMARY_BUS, -1, PRIMARY_BUS, 1, 0, 0xFF);
        f.rw(RegisterId.SECONDARY_BUS, -1, SECONDARY_BUS, 1, 0, 0xFF);
        f.rw(RegisterId.SUBORDINATE_BUS, -1, SUBORDINATE_BUS, 1, 0, 0xFF);
        f.ro(RegisterId.SECONDARY_LATENCY_TIMER, -1, SEC_LATENCY_TIMER, 1, 0);
        f.ro(RegisterId.IO_BASE_LIMIT, -1, IO_BASE, 2, 0);
        f.define(RegisterId.SECONDARY_STATUS, -1, SEC_STATUS, 2, 0, 0, STATUS_ERROR_BITS, 0);
        f.rw(RegisterId.MEMORY_BASE, -1, MEMORY_BASE, 2, 0, 0xFFF0);
        f.rw(RegisterId.MEMORY_LIMIT, -1, MEMORY_LIMIT, 2, 0, 0xFFF0);
        f.rw(RegisterId.PREF_MEMORY_BASE, -1, PREF_MEMORY_BASE, 2, 0x1, 0xFFF0);
        f.rw(RegisterId.PREF_MEMORY_LIMIT, -1, PREF_MEMORY_LIMIT, 2, 0x1, 0xFFF0);
        f.rw(RegisterId.PREF_BASE_UPPER32, -1, PREF_BASE_UPPER32, 4, 0, 0xFFFFFFFF);
        f.rw(RegisterId.PREF_LIMIT_UPPER32, -1, PREF_LIMIT_UPPER32, 4, 0, 0xFFFFFFFF);
        f.ro(RegisterId.IO_UPPER16, -1, IO_BASE_UPPER16, 4, 0);
        f.ro(RegisterId.CAPABILITIES_POINTER, -1, CAPABILITY_LIST, 1, 0);
        f.ro(RegisterId.EXPANSION_ROM, -1, ROM_ADDRESS1, 4, 0);
        f.rw(RegisterId.INTERRUPT_LINE, -1, INTERRUPT_LINE, 1, 0, 0xFF);
        f.ro(RegisterId.INTERRUPT_PIN, -1, INTERRUPT_PIN, 1, interruptPin);
        f.rw(RegisterId.BRIDGE_CONTROL, -1, BRIDGE_CONTROL, 2, 0, 0x007F);
    }

    private void barRegisters(RegisterId id, int base, List<BarSpec> specs) {
        for (int i = 0; i < 6; i++) {
            final int index = i;
            BarSpec spec = specs.stream().filter(b -> b.index() == index).findFirst().orElse(null);
            BarSpec upperOf = specs.stream().filter(b -> b.is64Bit() && b.index() + 1 == index).findFirst().orElse(null);
            if (spec != null) {
                f.rw(id, i, base + 4 * i, 4, spec.flags(), spec.lowAddressMask());
            } else if (upperOf != null) {
                f.rw(id, i, base + 4 * i, 4, 0, upperOf.highAddressMask());
            } else {
                f.ro(id, i, base + 4 * i, 4, 0);
            }
        }
    }

    private void pcieBody(int o, PcieCapabilitySpec spec) {
        boolean port = spec.isPort();
        f.ro(RegisterId.PCIE_CAPABILITIES, -1, o + EXP_FLAGS, 2, 2 | spec.portType() << 4);
        int devcap = 1 /* 256-byte max payload */ | spec.phantomFunctions() << 3
                | (spec.extendedTagSupported() ? EXP_DEVCAP_EXT_TAG : 0)
                | (spec.flrCapable() && !port ? EXP_DEVCAP_FLR : 0);
        f.ro(RegisterId.PCIE_DEVCAP, -1, o + EXP_DEVCAP, 4, devcap);
        int devctlRw = EXP_DEVCTL_CERE | EXP_DEVCTL_NFERE | EXP_DEVCTL_FERE | EXP_DEVCTL_URRE | EXP_DEVCTL_RELAX_EN
                | EXP_DEVCTL_PAYLOAD | EXP_DEVCTL_AUX_PME | EXP_DEVCTL_NOSNOOP_EN | EXP_DEVCTL_READRQ
                | (spec.extendedTagSupported() ? EXP_DEVCTL_EXT_TAG : 0)
                | (spec.phantomFunctions() > 0 ? EXP_DEVCTL_PHANTOM : 0);
        f.define(RegisterId.PCIE_DEVCTL, -1, o + EXP_DEVCTL, 2,
                EXP_DEVCTL_RELAX_EN | EXP_DEVCTL_NOSNOOP_EN | EXP_DEVCTL_READRQ_512B, devctlRw, 0,
                spec.flrCapable() && !port ? EXP_DEVCTL_BCR_FLR : 0);
        f.define(RegisterId.PCIE_DEVSTA, -1, o + EXP_DEVSTA, 2, 0, 0,
                EXP_DEVSTA_CED | EXP_DEVSTA_NFED | EXP_DEVSTA_FED | EXP_DEVSTA_URD, 0);
        f.ro(RegisterId.PCIE_LNKCAP, -1, o + EXP_LNKCAP, 4, 16 << 4 | 4); // x16, 16 GT/s
        f.define(RegisterId.PCIE_LNKCTL, -1, o + EXP_LNKCTL, 2, 0, 0x00C3 | (port ? EXP_LNKCTL_LD : 0), 0,
                port ? EXP_LNKCTL_RL : 0);
        f.ro(RegisterId.PCIE_LNKSTA, -1, o + EXP_LNKSTA, 2, 16 << 4 | 4 | (port ? 0x2000 : 0));
        for (int r = 0x14; r < EXP_DEVCAP2; r += 4) {
            f.ro(RegisterId.PCIE_SLOT_ROOT, (r - 0x14) / 4, o + r, 4, 0);
        }
        f.ro(RegisterId.PCIE_DEVCAP2, -1, o + EXP_DEVCAP2, 4,
                (spec.tenBitTagRequester() ? EXP_DEVCAP2_10BIT_TAG_COMP | EXP_DEVCAP2_10BIT_TAG_REQ : 0)
                        | (port ? EXP_DEVCAP2_ARI : 0));
        f.rw(RegisterId.PCIE_DEVCTL2, -1, o + EXP_DEVCTL2, 2, 0,
                EXP_DEVCTL2_COMP_TIMEOUT | EXP_DEVCTL2_COMP_TMOUT_DIS | EXP_DEVCTL2_IDO_REQ_EN | EXP_DEVCTL2_IDO_CMP_EN
                        | (spec.tenBitTagRequester() ? EXP_DEVCTL2_10BIT_TAG_REQ_EN : 0) | (port ? EXP_DEVCTL2_ARI : 0));
        f.ro(RegisterId.PCIE_DEVSTA2, -1, o + EXP_DEVSTA2, 2, 0);
        f.ro(RegisterId.PCIE_LNKCAP2, -1, o + EXP_LNKCAP2, 4, 0x1E);
        f.rw(RegisterId.PCIE_LNKCTL2, -1, o + EXP_LNKCTL2, 2, 4, 0x000F);
        f.ro(RegisterId.PCIE_LNKSTA2, -1, o + EXP_LNKSTA2, 2, 0);
        f.ro(RegisterId.PCIE_SLOT2, 0, o + 0x34, 4, 0);
        f.ro(RegisterId.PCIE_SLOT2, 1, o + 0x38, 4, 0);
    }
}
