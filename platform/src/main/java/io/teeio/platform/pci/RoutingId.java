package io.teeio.platform.pci;

/**
 * A PCIe routing id (requester id): bus[15:8], device[7:3], function[2:0]; with ARI the low 8 bits are one
 * function number. What TDISP's FUNCTION_ID carries in bits [15:0].
 */
public record RoutingId(int value) implements Comparable<RoutingId> {
    public RoutingId {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("routing id must be 16 bits, was 0x" + Integer.toHexString(value));
        }
    }

    public static RoutingId of(int bus, int device, int function) {
        if (bus < 0 || bus > 0xFF || device < 0 || device > 0x1F || function < 0 || function > 7) {
            throw new IllegalArgumentException("bus/device/function out of range: " + bus + "/" + device + "/" + function);
        }
        return new RoutingId(bus << 8 | device << 3 | function);
    }

    public int bus() {
        return value >>> 8;
    }

    public int device() {
        return (value >>> 3) & 0x1F;
    }

    public int function() {
        return value & 7;
    }

    /** This id plus an offset, as VF routing ids are computed (may carry into the next bus). */
    public RoutingId plus(int offset) {
        return new RoutingId(value + offset);
    }

    @Override
    public int compareTo(RoutingId o) {
        return Integer.compare(value, o.value);
    }

    @Override
    public String toString() {
        return String.format("%02x:%02x.%x", bus(), device(), function());
    }
}
