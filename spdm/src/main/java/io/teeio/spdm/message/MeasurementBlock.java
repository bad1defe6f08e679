package io.teeio.spdm.message;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.ByteWriter;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;
import java.util.ArrayList;
import java.util.List;

/** One measurement block: Index, MeasurementSpecification, MeasurementSize, Measurement. */
public record MeasurementBlock(int index, int measurementSpecification, Bytes measurement) {
    public static final int DMTF = 0x01;

    public MeasurementBlock {
        if (index < 1 || index > 0xFE) {
            throw new IllegalArgumentException("measurement index must be 1..254, got " + index);
        }
        Fields.requireU16(measurement.length(), "MeasurementSize");
    }

    public static MeasurementBlock dmtf(int index, DmtfMeasurement m) {
        return new MeasurementBlock(index, DMTF, Bytes.of(m.encode()));
    }

    /** The DMTF view of the measurement, when MeasurementSpecification is DMTF. */
    public DmtfMeasurement dmtf() throws SpdmDecodeException {
        if (measurementSpecification != DMTF) {
            throw new SpdmDecodeException("measurement block " + index + " is not in the DMTF format (specification 0x"
                    + Integer.toHexString(measurementSpecification) + ")");
        }
        return DmtfMeasurement.decode(measurement);
    }

    public byte[] encode() {
        return new ByteWriter().u8(index).u8(measurementSpecification).u16(measurement.length()).bytes(measurement)
                .toByteArray();
    }

    public static byte[] encodeAll(List<MeasurementBlock> blocks) {
        ByteWriter w = new ByteWriter();
        blocks.forEach(b -> w.bytes(b.encode()));
        return w.toByteArray();
    }

    public static List<MeasurementBlock> decodeAll(Bytes record, int count) throws SpdmDecodeException {
        ByteReader r = new ByteReader(record.toByteArray(), "MeasurementRecord");
        List<MeasurementBlock> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int index = r.u8("Index");
            if (index < 1 || index > 0xFE) {
                throw new SpdmDecodeException("MeasurementRecord: block " + i + " has invalid index " + index);
            }
            int spec = r.u8("MeasurementSpecification");
            int size = r.u16("MeasurementSize");
            out.add(new MeasurementBlock(index, spec, r.bytes(size, "Measurement")));
        }
        r.end();
        return out;
    }
}
