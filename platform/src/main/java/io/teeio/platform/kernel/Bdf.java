package io.teeio.platform.kernel;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PCI function address, segment:bus:device.function, written as Linux names it ("0000:01:00.1").
 * The routing id (requester id) is bus, device and function packed into 16 bits.
 */
public record Bdf(int segment, int bus, int device, int function) implements Comparable<Bdf> {
    private static final Pattern TEXT = Pattern.compile(
            "([0-9a-fA-F]{4}):([0-9a-fA-F]{2}):([0-9a-fA-F]{2})\\.([0-7])");

    public Bdf {
        check("segment", segment, 0xffff);
        check("bus", bus, 0xff);
        check("device", device, 0x1f);
        check("function", function, 0x7);
    }

    private static void check(String what, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(what + " " + value + " out of range 0.." + max);
        }
    }

    public static Bdf of(int bus, int device, int function) {
        return new Bdf(0, bus, device, function);
    }

    public static Bdf parse(String text) {
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a PCI address (SSSS:BB:DD.F): '" + text + "'");
        }
        return new Bdf(Integer.parseInt(m.group(1), 16), Integer.parseInt(m.group(2), 16),
                Integer.parseInt(m.group(3), 16), Integer.parseInt(m.group(4)));
    }

    /** PCIe requester/routing id: bus[15:8], device[7:3], function[2:0]. */
    public int routingId() {
        return bus << 8 | device << 3 | function;
    }

    /** Function 0 of the same device (slot). */
    public Bdf function0() {
        return new Bdf(segment, bus, device, 0);
    }

    public boolean sameSlot(Bdf other) {
        return segment == other.segment && bus == other.bus && device == other.device;
    }

    @Override
    public int compareTo(Bdf o) {
        int c = Integer.compare(segment, o.segment);
        return c != 0 ? c : Integer.compare(routingId(), o.routingId());
    }

    @Override
    public String toString() {
        return String.format("%04x:%02x:%02x.%d", segment, bus, device, function);
    }
}
