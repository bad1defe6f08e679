package io.teeio.platform.pci;

/**
 * Config-space offsets and bits, named after Linux's include/uapi/linux/pci_regs.h so that code reading
 * like the kernel reads like the kernel. Offsets inside a capability are relative to the capability.
 */
public final class PciRegs {
    private PciRegs() {
    }

    public static final int CONFIG_SPACE_SIZE = 4096;
    public static final int STD_HEADER_END = 0x40;
    public static final int EXT_CAP_START = 0x100;

    // Common header
    public static final int VENDOR_ID = 0x00;
    public static final int DEVICE_ID = 0x02;
    public static final int COMMAND = 0x04;
    public static final int STATUS = 0x06;
    public static final int REVISION_ID = 0x08;
    public static final int CLASS_PROG = 0x09;
    public static final int CACHE_LINE_SIZE = 0x0C;
    public static final int LATENCY_TIMER = 0x0D;
    public static final int HEADER_TYPE = 0x0E;
    public static final int BIST = 0x0F;
    public static final int BASE_ADDRESS_0 = 0x10;
    public static final int CARDBUS_CIS = 0x28;
    public static final int SUBSYSTEM_VENDOR_ID = 0x2C;
    public static final int SUBSYSTEM_ID = 0x2E;
    public static final int ROM_ADDRESS = 0x30;
    public static final int CAPABILITY_LIST = 0x34;
    public static final int INTERRUPT_LINE = 0x3C;
    public static final int INTERRUPT_PIN = 0x3D;
    public static final int MIN_GNT = 0x3E;
    public static final int MAX_LAT = 0x3F;

    // Type 1 (bridge) header
    public static final int PRIMARY_BUS = 0x18;
    public static final int SECONDARY_BUS = 0x19;
    public static final int SUBORDINATE_BUS = 0x1A;
    public static final int SEC_LATENCY_TIMER = 0x1B;
    public static final int IO_BASE = 0x1C;
    public static final int SEC_STATUS = 0x1E;
    public static final int MEMORY_BASE = 0x20;
    public static final int MEMORY_LIMIT = 0x22;
    public static final int PREF_MEMORY_BASE = 0x24;
    public static final int PREF_MEMORY_LIMIT = 0x26;
    public static final int PREF_BASE_UPPER32 = 0x28;
    public static final int PREF_LIMIT_UPPER32 = 0x2C;
    public static final int IO_BASE_UPPER16 = 0x30;
    public static final int ROM_ADDRESS1 = 0x38;
    public static final int BRIDGE_CONTROL = 0x3E;
    public static final int BRIDGE_CTL_BUS_RESET = 0x40;

    public static final int HEADER_TYPE_NORMAL = 0x00;
    public static final int HEADER_TYPE_BRIDGE = 0x01;
    public static final int HEADER_TYPE_MULTI_FUNCTION = 0x80;

    // Command
    public static final int COMMAND_IO = 0x0001;
    public static final int COMMAND_MEMORY = 0x0002;
    public static final int COMMAND_MASTER = 0x0004;
    public static final int COMMAND_PARITY = 0x0040;
    public static final int COMMAND_SERR = 0x0100;
    public static final int COMMAND_INTX_DISABLE = 0x0400;

    // Status
    public static final int STATUS_INTERRUPT = 0x0008;
    public static final int STATUS_CAP_LIST = 0x0010;
    public static final int STATUS_PARITY = 0x0100;
    public static final int STATUS_SIG_TARGET_ABORT = 0x0800;
    public static final int STATUS_REC_TARGET_ABORT = 0x1000;
    public static final int STATUS_REC_MASTER_ABORT = 0x2000;
    public static final int STATUS_SIG_SYSTEM_ERROR = 0x4000;
    public static final int STATUS_DETECTED_PARITY = 0x8000;
    /** The error bits software clears by writing 1 (RW1C). */
    public static final int STATUS_ERROR_BITS = STATUS_PARITY | STATUS_SIG_TARGET_ABORT | STATUS_REC_TARGET_ABORT
            | STATUS_REC_MASTER_ABORT | STATUS_SIG_SYSTEM_ERROR | STATUS_DETECTED_PARITY;

    // BARs
    public static final int BASE_ADDRESS_SPACE_IO = 0x01;
    public static final int BASE_ADDRESS_MEM_TYPE_64 = 0x04;
    public static final int BASE_ADDRESS_MEM_PREFETCH = 0x08;
    public static final int BASE_ADDRESS_MEM_MASK = ~0x0F;
    public static final int ROM_ADDRESS_ENABLE = 0x01;
    public static final int ROM_ADDRESS_MASK = ~0x7FF;

    // Capability list
    public static final int CAP_LIST_ID = 0;
    public static final int CAP_LIST_NEXT = 1;
    public static final int CAP_ID_PM = 0x01;
    public static final int CAP_ID_MSI = 0x05;
    public static final int CAP_ID_EXP = 0x10;
    public static final int CAP_ID_MSIX = 0x11;

    // PCI Express capability
    public static final int EXP_FLAGS = 0x02;
    public static final int EXP_FLAGS_VERS = 0x000F;
    public static final int EXP_FLAGS_TYPE = 0x00F0;
    public static final int EXP_TYPE_ENDPOINT = 0x0;
    public static final int EXP_TYPE_ROOT_PORT = 0x4;
    public static final int EXP_DEVCAP = 0x04;
    public static final int EXP_DEVCAP_PAYLOAD = 0x00000007;
    public static final int EXP_DEVCAP_PHANTOM = 0x00000018;
    public static final int EXP_DEVCAP_EXT_TAG = 0x00000020;
    public static final int EXP_DEVCAP_FLR = 0x10000000;
    public static final int EXP_DEVCTL = 0x08;
    public static final int EXP_DEVCTL_CERE = 0x0001;
    public static final int EXP_DEVCTL_NFERE = 0x0002;
    public static final int EXP_DEVCTL_FERE = 0x0004;
    public static final int EXP_DEVCTL_URRE = 0x0008;
    public static final int EXP_DEVCTL_RELAX_EN = 0x0010;
    public static final int EXP_DEVCTL_PAYLOAD = 0x00E0;
    public static final int EXP_DEVCTL_EXT_TAG = 0x0100;
    public static final int EXP_DEVCTL_PHANTOM = 0x0200;
    public static final int EXP_DEVCTL_AUX_PME = 0x0400;
    public static final int EXP_DEVCTL_NOSNOOP_EN = 0x0800;
    public static final int EXP_DEVCTL_READRQ = 0x7000;
    public static final int EXP_DEVCTL_READRQ_512B = 0x2000;
    /** Initiate Function Level Reset: a write-only trigger, reads as 0. */
    public static final int EXP_DEVCTL_BCR_FLR = 0x8000;
    public static final int EXP_DEVSTA = 0x0A;
    public static final int EXP_DEVSTA_CED = 0x0001;
    public static final int EXP_DEVSTA_NFED = 0x0002;
    public static final int EXP_DEVSTA_FED = 0x0004;
    public static final int EXP_DEVSTA_URD = 0x0008;
    public static final int EXP_DEVSTA_TRPND = 0x0020;
    public static final int EXP_LNKCAP = 0x0C;
    public static final int EXP_LNKCTL = 0x10;
    public static final int EXP_LNKCTL_LD = 0x0010;
    public static final int EXP_LNKCTL_RL = 0x0020;
    public static final int EXP_LNKSTA = 0x12;
    public static final int EXP_DEVCAP2 = 0x24;
    public static final int EXP_DEVCAP2_ARI = 0x00000020;
    public static final int EXP_DEVCAP2_10BIT_TAG_COMP = 0x00010000;
    public static final int EXP_DEVCAP2_10BIT_TAG_REQ = 0x00020000;
    public static final int EXP_DEVCTL2 = 0x28;
    public static final int EXP_DEVCTL2_COMP_TIMEOUT = 0x000F;
    public static final int EXP_DEVCTL2_COMP_TMOUT_DIS = 0x0010;
    public static final int EXP_DEVCTL2_ARI = 0x0020;
    public static final int EXP_DEVCTL2_IDO_REQ_EN = 0x0100;
    public static final int EXP_DEVCTL2_IDO_CMP_EN = 0x0200;
    public static final int EXP_DEVCTL2_10BIT_TAG_REQ_EN = 0x1000;
    public static final int EXP_DEVSTA2 = 0x2A;
    public static final int EXP_LNKCAP2 = 0x2C;
    public static final int EXP_LNKCTL2 = 0x30;
    public static final int EXP_LNKSTA2 = 0x32;
    public static final int EXP_CAP_SIZEOF = 0x3C;

    // MSI-X capability
    public static final int MSIX_FLAGS = 0x02;
    public static final int MSIX_FLAGS_QSIZE = 0x07FF;
    public static final int MSIX_FLAGS_MASKALL = 0x4000;
    public static final int MSIX_FLAGS_ENABLE = 0x8000;
    public static final int MSIX_TABLE = 0x04;
    public static final int MSIX_PBA = 0x08;
    public static final int MSIX_BIR = 0x7;
    public static final int MSIX_CAP_SIZEOF = 0x0C;
    public static final int MSIX_ENTRY_SIZE = 16;

    // Extended capabilities
    public static final int EXT_CAP_ID_ERR = 0x0001;
    public static final int EXT_CAP_ID_ARI = 0x000E;
    public static final int EXT_CAP_ID_SRIOV = 0x0010;
    public static final int EXT_CAP_ID_DOE = 0x002E;
    public static final int EXT_CAP_ID_IDE = 0x0030;

    public static int extCapId(int header) {
        return header & 0xFFFF;
    }

    public static int extCapVersion(int header) {
        return (header >>> 16) & 0xF;
    }

    public static int extCapNext(int header) {
        return (header >>> 20) & 0xFFC;
    }

    public static int extCapHeader(int id, int version, int next) {
        return (id & 0xFFFF) | (version & 0xF) << 16 | (next & 0xFFF) << 20;
    }

    // ARI
    public static final int ARI_CAP = 0x04;
    public static final int ARI_CTRL = 0x06;
    public static final int ARI_CAP_SIZEOF = 0x08;

    // SR-IOV
    public static final int SRIOV_CAP = 0x04;
    public static final int SRIOV_CTRL = 0x08;
    public static final int SRIOV_CTRL_VFE = 0x0001;
    public static final int SRIOV_CTRL_VFM = 0x0002;
    public static final int SRIOV_CTRL_INTR = 0x0004;
    public static final int SRIOV_CTRL_MSE = 0x0008;
    public static final int SRIOV_CTRL_ARI = 0x0010;
    public static final int SRIOV_STATUS = 0x0A;
    public static final int SRIOV_INITIAL_VF = 0x0C;
    public static final int SRIOV_TOTAL_VF = 0x0E;
    public static final int SRIOV_NUM_VF = 0x10;
    public static final int SRIOV_FUNC_LINK = 0x12;
    public static final int SRIOV_VF_OFFSET = 0x14;
    public static final int SRIOV_VF_STRIDE = 0x16;
    public static final int SRIOV_VF_DID = 0x1A;
    public static final int SRIOV_SUP_PGSIZE = 0x1C;
    public static final int SRIOV_SYS_PGSIZE = 0x20;
    public static final int SRIOV_BAR = 0x24;
    public static final int SRIOV_VFM = 0x3C;
    public static final int SRIOV_CAP_SIZEOF = 0x40;

    // DOE (PROTOCOLS.md §4.3)
    public static final int DOE_CAP = 0x04;
    public static final int DOE_CAP_INT_SUP = 0x00000001;
    public static final int DOE_CAP_INT_MSG_NUM = 0x00000FFE;
    public static final int DOE_CTRL = 0x08;
    public static final int DOE_CTRL_ABORT = 0x00000001;
    public static final int DOE_CTRL_INT_EN = 0x00000002;
    public static final int DOE_CTRL_GO = 0x80000000;
    public static final int DOE_STATUS = 0x0C;
    public static final int DOE_STATUS_BUSY = 0x00000001;
    public static final int DOE_STATUS_INT_STATUS = 0x00000002;
    public static final int DOE_STATUS_ERROR = 0x00000004;
    public static final int DOE_STATUS_DATA_OBJECT_READY = 0x80000000;
    public static final int DOE_WRITE = 0x10;
    public static final int DOE_READ = 0x14;
    public static final int DOE_CAP_SIZEOF = 0x18;

    // IDE (PCIe 6 §7.9.26)
    public static final int IDE_CAP = 0x04;
    public static final int IDE_CAP_LINK = 0x00000001;
    public static final int IDE_CAP_SELECTIVE = 0x00000002;
    public static final int IDE_CAP_IDE_KM = 0x00000040;
    public static final int IDE_CAP_SEL_STREAMS_SHIFT = 16;
    public static final int IDE_CTRL = 0x08;
    public static final int IDE_SEL_BLOCKS = 0x0C;
    public static final int IDE_SEL_CAP = 0x00;
    public static final int IDE_SEL_CTRL = 0x04;
    public static final int IDE_SEL_CTRL_ENABLE = 0x00000001;
    public static final int IDE_SEL_CTRL_DEFAULT = 0x00400000;
    public static final int IDE_SEL_CTRL_ID_SHIFT = 24;
    public static final int IDE_SEL_STATUS = 0x08;
    public static final int IDE_SEL_STATUS_STATE = 0x0000000F;
    public static final int IDE_SEL_RID_1 = 0x0C;
    public static final int IDE_SEL_RID_2 = 0x10;
    public static final int IDE_SEL_ADDR_BLOCKS = 0x14;
    public static final int IDE_SEL_ADDR_BLOCK_SIZE = 0x0C;
}
