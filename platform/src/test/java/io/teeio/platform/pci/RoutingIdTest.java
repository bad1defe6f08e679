package io.teeio.platform.pci;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class RoutingIdTest {
    @Test
    void packsBusDeviceFunctionAsLinuxPrintsThem() {
        RoutingId rid = RoutingId.of(0x3a, 0x1f, 7);
        assertEquals(0x3aff, rid.value());
        assertEquals("3a:1f.7", rid.toString());
    }

    @Test
    void offsetCarriesIntoTheNextBus() {
        assertEquals(RoutingId.of(2, 0, 0), RoutingId.of(1, 31, 7).plus(1));
    }

    @Test
    void outOfRangeFieldsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> RoutingId.of(0, 32, 0));
        assertThrows(IllegalArgumentException.class, () -> new RoutingId(0x10000));
    }
}
