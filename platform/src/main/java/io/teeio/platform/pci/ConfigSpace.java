package io.teeio.platform.pci;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One function's live 4 KiB config space. Software accesses ({@link #read}, {@link #write}) go through the
 * layout's per-bit access types and attached {@link RegisterBehaviour}s and are reported to the
 * {@link ConfigWriteListener}; the device model itself updates read-only state with {@link #hwWrite}.
 * Not thread-safe: the emulated machine is driven from one thread.
 */
public final class ConfigSpace implements ConfigAccessor {
    private final ConfigLayout layout;
    private final byte[] data = new byte[PciRegs.CONFIG_SPACE_SIZE];
    private final RegisterBehaviour[] behaviours = new RegisterBehaviour[PciRegs.CONFIG_SPACE_SIZE / 4];
    private final ConfigWriteListener listener;

    public ConfigSpace(ConfigLayout layout, ConfigWriteListener listener) {
        this.layout = Objects.requireNonNull(layout, "layout");
        this.listener = Objects.requireNonNull(listener, "listener");
        layout.copyInitialTo(data);
    }

    public ConfigLayout layout() {
        return layout;
    }

    /** Puts a behaviour in place of the dword register at {@code offset} (which the layout must name). */
    public void attach(int offset, RegisterBehaviour behaviour) {
        if (offset % 4 != 0 || layout.registerAt(offset).id() == RegisterId.UNDEFINED) {
            throw new IllegalArgumentException("no dword register to attach to at 0x" + Integer.toHexString(offset));
        }
        if (behaviours[offset >>> 2] != null) {
            throw new IllegalStateException("a behaviour is already attached at 0x" + Integer.toHexString(offset));
        }
        behaviours[offset >>> 2] = Objects.requireNonNull(behaviour);
    }

    @Override
    public int read(int offset, int size) {
        ConfigAccessor.checkAccess(offset, size);
        RegisterBehaviour b = behaviours[offset >>> 2];
        if (b != null) {
            return slice(b.read(), offset, size);
        }
        return raw(offset, size);
    }

    @Override
    public void write(int offset, int size, int value) {
        ConfigAccessor.checkAccess(offset, size);
        int dword = offset & ~3;
        int shift = 8 * (offset & 3);
        int enables = ((1 << size) - 1) << (offset & 3);
        int placed = size == 4 ? value : (value & ((1 << (8 * size)) - 1)) << shift;
        RegisterBehaviour b = behaviours[dword >>> 2];
        if (b != null) {
            int before = b.peek();
            b.write(placed, enables);
            Register reg = layout.registerAt(dword);
            listener.written(new ConfigWrite(reg, before, b.peek(), placed & byteMask(enables), enables));
            return;
        }
        List<Register> touched = registersTouched(offset, size);
        int[] before = new int[touched.size()];
        for (int i = 0; i < before.length; i++) {
            before[i] = raw(touched.get(i).offset(), touched.get(i).width());
        }
        for (int i = 0; i < size; i++) {
            int at = offset + i;
            int v = (value >>> (8 * i)) & 0xFF;
            int old = data[at] & 0xFF;
            int rw = layout.rwMask(at);
            int rw1c = layout.rw1cMask(at);
            int updated = (old & ~rw) | (v & rw);
            updated &= ~(v & rw1c);
            data[at] = (byte) updated;
        }
        for (int i = 0; i < before.length; i++) {
            Register reg = touched.get(i);
            int regEnables = 0;
            int regWritten = 0;
            for (int j = 0; j < reg.width(); j++) {
                int at = reg.offset() + j;
                if (at >= offset && at < offset + size) {
                    regEnables |= 1 << j;
                    regWritten |= ((value >>> (8 * (at - offset))) & 0xFF) << (8 * j);
                }
            }
            listener.written(new ConfigWrite(reg, before[i], raw(reg.offset(), reg.width()), regWritten,
                    regEnables));
        }
    }

    /** A device-side read: no behaviour effects, no access rules. */
    public int hwRead(int offset, int size) {
        ConfigAccessor.checkAccess(offset, size);
        RegisterBehaviour b = behaviours[offset >>> 2];
        return b != null ? slice(b.peek(), offset, size) : raw(offset, size);
    }

    /** A device-side update of any bits (status, computed read-only fields); never reported to listeners. */
    public void hwWrite(int offset, int size, int value) {
        ConfigAccessor.checkAccess(offset, size);
        for (int i = 0; i < size; i++) {
            data[offset + i] = (byte) (value >>> (8 * i));
        }
    }

    /** Sets or clears bits of a register as the device does. */
    public void hwUpdate(int offset, int size, int mask, boolean set) {
        int v = hwRead(offset, size);
        hwWrite(offset, size, set ? v | mask : v & ~mask);
    }

    /** Power-on values again, behaviours reset: what FLR and conventional reset do to config space. */
    public void reset() {
        layout.copyInitialTo(data);
        for (RegisterBehaviour b : behaviours) {
            if (b != null) {
                b.reset();
            }
        }
    }

    private List<Register> registersTouched(int offset, int size) {
        List<Register> regs = new ArrayList<>(2);
        for (int i = 0; i < size; i++) {
            Register r = layout.registerAt(offset + i);
            if (!regs.contains(r)) {
                regs.add(r);
            }
        }
        return regs;
    }

    private int raw(int offset, int size) {
        int v = 0;
        for (int i = 0; i < size; i++) {
            v |= (data[offset + i] & 0xFF) << (8 * i);
        }
        return v;
    }

    private static int slice(int dword, int offset, int size) {
        int v = dword >>> (8 * (offset & 3));
        return size == 4 ? v : v & ((1 << (8 * size)) - 1);
    }

    private static int byteMask(int enables) {
        int m = 0;
        for (int i = 0; i < 4; i++) {
            if ((enables & (1 << i)) != 0) {
                m |= 0xFF << (8 * i);
            }
        }
        return m;
    }
}
