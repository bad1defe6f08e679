package io.teeio.spdm.measurement;

import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.message.DmtfMeasurement;

/**
 * One thing a device measures: its index (1..0xFE), DMTF kind and raw value. The responder reports the
 * digest of the value under the negotiated measurement hash, or the raw value when asked for raw bit streams.
 */
public record MeasurementEntry(int index, int kind, Bytes rawValue, String description) {
    public MeasurementEntry {
        if (index < 1 || index > 0xFE) {
            throw new IllegalArgumentException("measurement index must be 1..254, got " + index);
        }
        if (kind < 0 || kind > 0x7F) {
            throw new IllegalArgumentException("DMTF measurement kind must be 0..127, got " + kind);
        }
        description = description == null ? DmtfMeasurement.kindName(kind) : description;
    }

    /** In the TCB (summary hash type 0x01): immutable ROM, as libspdm's sample device counts it. */
    public boolean inTcb() {
        return kind == DmtfMeasurement.IMMUTABLE_ROM;
    }
}
