package io.teeio.platform.pci;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The immutable template of one kind of function's config space: power-on values, per-bit access types,
 * register names and where the capabilities were placed. Shared by every instance (256 VFs share one),
 * so a {@link ConfigSpace} only owns its 4 KiB of current values.
 */
public final class ConfigLayout {
    private final byte[] initial;
    private final byte[] rw;
    private final byte[] rw1c;
    private final byte[] trigger;
    private final Register[] registerAt;
    private final List<Register> registers;
    private final Map<Integer, Integer> capabilities;
    private final Map<Integer, Integer> extCapabilities;
    private final List<BarSpec> bars;

    ConfigLayout(Fields fields, Map<Integer, Integer> capabilities, Map<Integer, Integer> extCapabilities,
            List<BarSpec> bars) {
        this.initial = fields.initial.clone();
        this.rw = fields.rw.clone();
        this.rw1c = fields.rw1c.clone();
        this.trigger = fields.trigger.clone();
        this.registerAt = fields.registerAt.clone();
        List<Register> regs = new ArrayList<>();
        for (int i = 0; i < registerAt.length; i++) {
            if (registerAt[i] != null && registerAt[i].offset() == i) {
                regs.add(registerAt[i]);
            }
        }
        this.registers = List.copyOf(regs);
        this.capabilities = Collections.unmodifiableMap(new LinkedHashMap<>(capabilities));
        this.extCapabilities = Collections.unmodifiableMap(new LinkedHashMap<>(extCapabilities));
        this.bars = List.copyOf(bars);
    }

    /** The register covering this byte, or an UNDEFINED dword register when none does. */
    public Register registerAt(int offset) {
        Register r = registerAt[offset];
        return r != null ? r : new Register(RegisterId.UNDEFINED, -1, offset & ~3, 4);
    }

    /** The first register with this id and index, if the layout has it. */
    public Optional<Register> find(RegisterId id, int index) {
        return registers.stream().filter(r -> r.id() == id && r.index() == index).findFirst();
    }

    public List<Register> registers() {
        return registers;
    }

    public Access access(int offset, int bit) {
        int m = 1 << bit;
        if ((rw[offset] & m) != 0) {
            return Access.RW;
        }
        if ((rw1c[offset] & m) != 0) {
            return Access.RW1C;
        }
        if ((trigger[offset] & m) != 0) {
            return Access.WO;
        }
        return Access.RO;
    }

    /** Where the builder placed a standard capability (what Linux finds by walking). */
    public OptionalInt capabilityOffset(int capId) {
        Integer off = capabilities.get(capId);
        return off == null ? OptionalInt.empty() : OptionalInt.of(off);
    }

    public OptionalInt extCapabilityOffset(int extCapId) {
        Integer off = extCapabilities.get(extCapId);
        return off == null ? OptionalInt.empty() : OptionalInt.of(off);
    }

    /** The memory BARs of this layout (empty for VFs, whose BARs live in the PF's SR-IOV capability). */
    public List<BarSpec> bars() {
        return bars;
    }

    byte initial(int offset) {
        return initial[offset];
    }

    int rwMask(int offset) {
        return rw[offset] & 0xFF;
    }

    int rw1cMask(int offset) {
        return rw1c[offset] & 0xFF;
    }

    void copyInitialTo(byte[] data) {
        System.arraycopy(initial, 0, data, 0, initial.length);
    }

    /** Mutable per-byte arrays the builder fills; frozen into a layout. */
    static final class Fields {
        final byte[] initial = new byte[PciRegs.CONFIG_SPACE_SIZE];
        final byte[] rw = new byte[PciRegs.CONFIG_SPACE_SIZE];
        final byte[] rw1c = new byte[PciRegs.CONFIG_SPACE_SIZE];
        final byte[] trigger = new byte[PciRegs.CONFIG_SPACE_SIZE];
        final Register[] registerAt = new Register[PciRegs.CONFIG_SPACE_SIZE];

        /** Defines a register: power-on value and which bits are RW, RW1C or write-only triggers. */
        Register define(RegisterId id, int index, int offset, int width, int value, int rwMask, int rw1cMask,
                int triggerMask) {
            Register reg = new Register(id, index, offset, width);
            for (int i = 0; i < width; i++) {
                if (registerAt[offset + i] != null) {
                    throw new IllegalStateException(reg + " overlaps " + registerAt[offset + i]);
                }
            }
            if ((rwMask & rw1cMask) != 0 || (rwMask & triggerMask) != 0 || (rw1cMask & triggerMask) != 0) {
                throw new IllegalStateException(reg + ": a bit has two access types");
            }
            for (int i = 0; i < width; i++) {
                int shift = 8 * i;
                initial[offset + i] = (byte) (value >>> shift);
                rw[offset + i] = (byte) (rwMask >>> shift);
                rw1c[offset + i] = (byte) (rw1cMask >>> shift);
                trigger[offset + i] = (byte) (triggerMask >>> shift);
                registerAt[offset + i] = reg;
            }
            return reg;
        }

        Register ro(RegisterId id, int index, int offset, int width, int value) {
            return define(id, index, offset, width, value, 0, 0, 0);
        }

        Register rw(RegisterId id, int index, int offset, int width, int value, int rwMask) {
            return define(id, index, offset, width, value, rwMask, 0, 0);
        }

        void setInitial(int offset, int width, int value) {
            for (int i = 0; i < width; i++) {
                initial[offset + i] = (byte) (value >>> (8 * i));
            }
        }

        int initialValue(int offset, int width) {
            int v = 0;
            for (int i = 0; i < width; i++) {
                v |= (initial[offset + i] & 0xFF) << (8 * i);
            }
            return v;
        }
    }
}
