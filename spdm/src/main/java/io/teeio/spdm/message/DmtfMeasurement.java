package io.teeio.spdm.message;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.ByteWriter;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;

/**
 * A DMTF-format measurement (MeasurementSpecification 0x01): value type (bit7 raw bit stream, bits[6:0]
 * the kind) and the value: a digest of the negotiated measurement hash, or raw data.
 */
public record DmtfMeasurement(int valueType, Bytes value) {
    public static final int IMMUTABLE_ROM = 0;
    public static final int MUTABLE_FIRMWARE = 1;
    public static final int HARDWARE_CONFIG = 2;
    public static final int FIRMWARE_CONFIG = 3;
    public static final int MEASUREMENT_MANIFEST = 4;
    public static final int DEVICE_MODE = 5;
    public static final int VERSION = 6;
    public static final int SECURE_VERSION_NUMBER = 7;
    public static final int RAW_BIT_STREAM = 0x80;

    public DmtfMeasurement {
        Fields.requireU16(value.length(), "DMTFSpecMeasurementValueSize");
    }

    public boolean rawBitStream() {
        return (valueType & RAW_BIT_STREAM) != 0;
    }

    public int kind() {
        return valueType & 0x7F;
    }

    public byte[] encode() {
        return new ByteWriter().u8(valueType).u16(value.length()).bytes(value).toByteArray();
    }

    public static DmtfMeasurement decode(Bytes measurement) throws SpdmDecodeException {
        ByteReader r = new ByteReader(measurement.toByteArray(), "DMTF measurement");
        int type = r.u8("DMTFSpecMeasurementValueType");
        int size = r.u16("DMTFSpecMeasurementValueSize");
        DmtfMeasurement m = new DmtfMeasurement(type, r.bytes(size, "DMTFSpecMeasurementValue"));
        r.end();
        return m;
    }

    public static String kindName(int kind) {
        return switch (kind) {
            case IMMUTABLE_ROM -> "immutable ROM";
            case MUTABLE_FIRMWARE -> "mutable firmware";
            case HARDWARE_CONFIG -> "hardware configuration";
            case FIRMWARE_CONFIG -> "firmware configuration";
            case MEASUREMENT_MANIFEST -> "measurement manifest";
            case DEVICE_MODE -> "device mode";
            case VERSION -> "version";
            case SECURE_VERSION_NUMBER -> "secure version number";
            default -> "type " + kind;
        };
    }
}
