package io.teeio.platform.device;

import static io.teeio.platform.pci.PciRegs.*;

import io.teeio.platform.pci.Access;
import io.teeio.platform.pci.ConfigLayout;
import io.teeio.platform.pci.ConfigWrite;
import java.util.ArrayList;
import java.util.List;

/**
 * Which config writes are security relevant for a TDI (PROTOCOLS.md §5.6: the change completes normally and
 * sends a CONFIG_LOCKED or RUN TDI to ERROR):
 * <pre>
 * register                          what counts                              kind                   whom it hits
 * Command                           Memory Space Enable 1 -> 0               MSE_CLEAR              the function
 * Command                           Bus Master Enable 1 -> 0                 BME_CLEAR              the function
 * BAR0..5                           any write (sizing included)              BAR_WRITE              the function
 * Expansion ROM BAR                 any write                                EXPANSION_ROM_WRITE    the function
 * BIST                              any write to the byte                    BIST_WRITE             the function
 * PCIe Device Control               Initiate FLR written 1 (FLR-capable)     FLR                    function (+ VFs of a PF)
 * PCIe Device Control               Extended Tag, Phantom Functions,         DEVICE_CONTROL_CHANGE  the function
 *                                   No Snoop enable changed
 * PCIe Device Control 2             10-Bit Tag Requester Enable changed,     DEVICE_CONTROL_CHANGE  the function
 *                                   ARI Forwarding Enable changed
 * MSI-X Message Control             any change while LOCK_MSIX is in effect  MSIX_CHANGE            the function
 * ARI Control                       any change                               ARI_CHANGE             the function
 * SR-IOV Control                    VF Memory Space Enable 1 -> 0            MSE_CLEAR              the VFs
 * SR-IOV Control, NumVFs,           any change                               SRIOV_CHANGE           PF and VFs
 *   System Page Size
 * SR-IOV VF BAR0..5                 any write                                SRIOV_CHANGE           PF and VFs
 * IDE selective stream Control,     any change                               IDE_STREAM_CHANGE      PF and VFs (they
 *   RID / address association                                                                       share the stream)
 * </pre>
 * Not security relevant: Status and Device Status (RW1C error bits), Cache Line Size, Interrupt Line, error
 * reporting enables, Max Payload / Max Read Request Size, Relaxed Ordering, Aux Power, Link Control of an
 * endpoint, DOE registers (DOE carries its own secured session), setting MSE or BME.
 * Not modelled (no such capability here): Resizable BAR, Enhanced Allocation, PASID, Page Request, Multicast,
 * 14-bit tags. The MSI-X table itself lives in BAR memory: host writes to it when locked are refused by the
 * {@link TdiGate}, not reported here.
 */
public final class SecurityRelevance {
    private SecurityRelevance() {
    }

    /** Which functions a finding hits. */
    public enum Scope {
        /** The function written. */
        FUNCTION,
        /** The function written and, if it is a PF, all its VFs. */
        FUNCTION_AND_VFS,
        /** Only the VFs of the PF written. */
        VFS
    }

    public record Finding(SecurityEventKind kind, Scope scope, String reason) {
    }

    public static List<Finding> classify(ConfigWrite w, ConfigLayout layout, boolean msixLocked) {
        List<Finding> out = new ArrayList<>(2);
        String name = w.register().name();
        switch (w.register().id()) {
            case COMMAND -> {
                if (w.cleared(COMMAND_MEMORY)) {
                    out.add(new Finding(SecurityEventKind.MSE_CLEAR, Scope.FUNCTION, "Memory Space Enable cleared"));
                }
                if (w.cleared(COMMAND_MASTER)) {
                    out.add(new Finding(SecurityEventKind.BME_CLEAR, Scope.FUNCTION, "Bus Master Enable cleared"));
                }
            }
            case BAR -> out.add(new Finding(SecurityEventKind.BAR_WRITE, Scope.FUNCTION, name + " written " + values(w)));
            case EXPANSION_ROM -> out.add(new Finding(SecurityEventKind.EXPANSION_ROM_WRITE, Scope.FUNCTION,
                    "Expansion ROM BAR written " + values(w)));
            case BIST -> out.add(new Finding(SecurityEventKind.BIST_WRITE, Scope.FUNCTION,
                    "BIST written 0x" + Integer.toHexString(w.written())));
            case PCIE_DEVCTL -> {
                boolean flrCapable = layout.access(w.register().offset() + 1, 7) == Access.WO;
                if (flrCapable && w.wroteOne(EXP_DEVCTL_BCR_FLR)) {
                    out.add(new Finding(SecurityEventKind.FLR, Scope.FUNCTION_AND_VFS, "Initiate Function Level Reset"));
                }
                devctl(out, w, EXP_DEVCTL_EXT_TAG, "Extended Tag Field Enable");
                devctl(out, w, EXP_DEVCTL_PHANTOM, "Phantom Functions Enable");
                devctl(out, w, EXP_DEVCTL_NOSNOOP_EN, "Enable No Snoop");
            }
            case PCIE_DEVCTL2 -> {
                devctl(out, w, EXP_DEVCTL2_10BIT_TAG_REQ_EN, "10-Bit Tag Requester Enable");
                devctl(out, w, EXP_DEVCTL2_ARI, "ARI Forwarding Enable");
            }
            case MSIX_CONTROL -> {
                if (msixLocked && w.changed(0xFFFF)) {
                    out.add(new Finding(SecurityEventKind.MSIX_CHANGE, Scope.FUNCTION,
                            "MSI-X Message Control changed while locked " + values(w)));
                }
            }
            case ARI_CONTROL -> {
                if (w.changed(0xFFFF)) {
                    out.add(new Finding(SecurityEventKind.ARI_CHANGE, Scope.FUNCTION, "ARI Control changed " + values(w)));
                }
            }
            case SRIOV_CONTROL -> {
                if (w.cleared(SRIOV_CTRL_MSE)) {
                    out.add(new Finding(SecurityEventKind.MSE_CLEAR, Scope.VFS,
                            "VF Memory Space Enable cleared in the PF's SR-IOV Control"));
                }
                if (w.changed(0xFFFF)) {
                    out.add(new Finding(SecurityEventKind.SRIOV_CHANGE, Scope.FUNCTION_AND_VFS,
                            "SR-IOV Control changed " + values(w)
                                    + (w.cleared(SRIOV_CTRL_VFE) ? " (VF Enable cleared: VFs removed)" : "")));
                }
            }
            case SRIOV_NUM_VFS, SRIOV_SYSTEM_PAGE_SIZE -> {
                if (w.changed(0xFFFFFFFF)) {
                    out.add(new Finding(SecurityEventKind.SRIOV_CHANGE, Scope.FUNCTION_AND_VFS, name + " changed " + values(w)));
                }
            }
            case SRIOV_VF_BAR -> out.add(new Finding(SecurityEventKind.SRIOV_CHANGE, Scope.FUNCTION_AND_VFS,
                    "VF BAR" + w.register().index() + " written " + values(w)));
            case IDE_SEL_CONTROL, IDE_SEL_RID_1, IDE_SEL_RID_2, IDE_SEL_ADDR -> {
                if (w.changed(0xFFFFFFFF)) {
                    out.add(new Finding(SecurityEventKind.IDE_STREAM_CHANGE, Scope.FUNCTION_AND_VFS,
                            "selective IDE stream block " + w.register().index() + " " + w.register().id() + " changed "
                                    + values(w)));
                }
            }
            default -> {
                // not security relevant (see the table above)
            }
        }
        return out;
    }

    private static void devctl(List<Finding> out, ConfigWrite w, int bit, String what) {
        if (w.changed(bit)) {
            out.add(new Finding(SecurityEventKind.DEVICE_CONTROL_CHANGE, Scope.FUNCTION,
                    what + ((w.newValue() & bit) != 0 ? " set" : " cleared")));
        }
    }

    private static String values(ConfigWrite w) {
        return "(0x" + Integer.toHexString(w.oldValue()) + " -> 0x" + Integer.toHexString(w.newValue()) + ")";
    }
}
