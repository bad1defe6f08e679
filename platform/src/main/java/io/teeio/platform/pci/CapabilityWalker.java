package io.teeio.platform.pci;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds capabilities by walking the pointers through config reads only, the way Linux's
 * pci_find_capability() and pci_find_ext_capability() do (same loop bounds, same stop conditions),
 * so that host-side code can find what any {@link ConfigAccessor} exposes.
 */
public final class CapabilityWalker {
    /** Linux's PCI_FIND_CAP_TTL: at most 48 standard capabilities. */
    private static final int STD_TTL = 48;
    /** At most one extended capability per 8 bytes of extended config space. */
    private static final int EXT_TTL = (PciRegs.CONFIG_SPACE_SIZE - PciRegs.EXT_CAP_START) / 8;

    private CapabilityWalker() {
    }

    /** Offset of the first standard capability with this id, or 0 when there is none (as Linux returns). */
    public static int findCapability(ConfigAccessor config, int capId) {
        if ((config.readWord(PciRegs.STATUS) & PciRegs.STATUS_CAP_LIST) == 0) {
            return 0;
        }
        return findNextCapability(config, PciRegs.CAPABILITY_LIST, capId);
    }

    /** Continues a walk from the pointer byte at {@code pointerOffset}. */
    public static int findNextCapability(ConfigAccessor config, int pointerOffset, int capId) {
        int pos = config.readByte(pointerOffset);
        for (int ttl = STD_TTL; ttl > 0; ttl--) {
            if (pos < PciRegs.STD_HEADER_END) {
                break;
            }
            pos &= ~3;
            int entry = config.readWord(pos);
            int id = entry & 0xFF;
            if (id == 0xFF) {
                break;
            }
            if (id == capId) {
                return pos;
            }
            pos = (entry >>> 8) & 0xFF;
        }
        return 0;
    }

    /** Offset of the first extended capability with this id, or 0. */
    public static int findExtCapability(ConfigAccessor config, int extCapId) {
        return findNextExtCapability(config, 0, extCapId);
    }

    /** The next extended capability with this id after {@code start} (0 = from the beginning). */
    public static int findNextExtCapability(ConfigAccessor config, int start, int extCapId) {
        int pos = start == 0 ? PciRegs.EXT_CAP_START : start;
        int header = config.readDword(pos);
        if (header == 0 || header == 0xFFFFFFFF) {
            return 0;
        }
        if (start != 0) {
            pos = PciRegs.extCapNext(header);
            if (pos < PciRegs.EXT_CAP_START) {
                return 0;
            }
            header = config.readDword(pos);
        }
        for (int ttl = EXT_TTL; ttl > 0; ttl--) {
            if (PciRegs.extCapId(header) == extCapId) {
                return pos;
            }
            pos = PciRegs.extCapNext(header);
            if (pos < PciRegs.EXT_CAP_START) {
                break;
            }
            header = config.readDword(pos);
        }
        return 0;
    }

    /** Every capability found, in list order, as "id@offset" pairs: what lspci -vv walks. */
    public static List<FoundCapability> list(ConfigAccessor config) {
        List<FoundCapability> found = new ArrayList<>();
        if ((config.readWord(PciRegs.STATUS) & PciRegs.STATUS_CAP_LIST) != 0) {
            int pos = config.readByte(PciRegs.CAPABILITY_LIST);
            for (int ttl = STD_TTL; ttl > 0 && pos >= PciRegs.STD_HEADER_END; ttl--) {
                pos &= ~3;
                int entry = config.readWord(pos);
                if ((entry & 0xFF) == 0xFF) {
                    break;
                }
                found.add(new FoundCapability(false, entry & 0xFF, pos));
                pos = (entry >>> 8) & 0xFF;
            }
        }
        int pos = PciRegs.EXT_CAP_START;
        int header = config.readDword(pos);
        for (int ttl = EXT_TTL; ttl > 0 && header != 0 && header != 0xFFFFFFFF; ttl--) {
            found.add(new FoundCapability(true, PciRegs.extCapId(header), pos));
            pos = PciRegs.extCapNext(header);
            if (pos < PciRegs.EXT_CAP_START) {
                break;
            }
            header = config.readDword(pos);
        }
        return found;
    }

    /** One capability a walk found. */
    public record FoundCapability(boolean extended, int id, int offset) {
    }
}
