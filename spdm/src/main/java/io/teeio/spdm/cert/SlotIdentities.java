package io.teeio.spdm.cert;

import io.teeio.spdm.crypto.BaseAsymAlgo;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The identities of an endpoint's certificate slots 0..7 (DIGESTS reports their mask). */
public final class SlotIdentities {
    public static final int SLOT_COUNT = 8;

    private final Map<Integer, DeviceIdentity> slots;

    private SlotIdentities(Map<Integer, DeviceIdentity> slots) {
        this.slots = Collections.unmodifiableMap(new TreeMap<>(slots));
    }

    /** @throws IllegalArgumentException for an empty map or a slot outside 0..7 */
    public static SlotIdentities of(Map<Integer, DeviceIdentity> slots) {
        if (slots.isEmpty()) {
            throw new IllegalArgumentException("at least one certificate slot must be provisioned");
        }
        slots.forEach((slot, id) -> {
            checkSlot(slot);
            if (id == null) {
                throw new IllegalArgumentException("slot " + slot + " has no identity");
            }
        });
        return new SlotIdentities(slots);
    }

    /** Only slot 0. */
    public static SlotIdentities single(DeviceIdentity identity) {
        return of(Map.of(0, identity));
    }

    private static void checkSlot(int slot) {
        if (slot < 0 || slot >= SLOT_COUNT) {
            throw new IllegalArgumentException("certificate slot " + slot + " outside 0..7");
        }
    }

    public SlotIdentities with(int slot, DeviceIdentity identity) {
        checkSlot(slot);
        Map<Integer, DeviceIdentity> copy = new TreeMap<>(slots);
        copy.put(slot, identity);
        return new SlotIdentities(copy);
    }

    public Optional<DeviceIdentity> slot(int slot) {
        return Optional.ofNullable(slots.get(slot));
    }

    /** Provisioned slot numbers, ascending. */
    public List<Integer> slots() {
        return List.copyOf(slots.keySet());
    }

    /** Bit n set when slot n is provisioned. */
    public int slotMask() {
        return slots.keySet().stream().mapToInt(s -> 1 << s).reduce(0, (a, b) -> a | b);
    }

    /** The slots usable once {@code asym} is negotiated: their keys can sign with it. */
    public int slotMaskFor(BaseAsymAlgo asym) {
        return slots.entrySet().stream().filter(e -> e.getValue().supportedAlgos().contains(asym))
                .mapToInt(e -> 1 << e.getKey()).reduce(0, (a, b) -> a | b);
    }

    public Map<Integer, DeviceIdentity> asMap() {
        return slots;
    }

    @Override
    public String toString() {
        return "SlotIdentities" + slots.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
