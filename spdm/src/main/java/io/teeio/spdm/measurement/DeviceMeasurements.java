package io.teeio.spdm.measurement;

import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.crypto.BaseHashAlgo;
import io.teeio.spdm.crypto.MeasurementHashAlgo;
import io.teeio.spdm.crypto.SpdmCrypto;
import io.teeio.spdm.message.DmtfMeasurement;
import io.teeio.spdm.message.MeasurementBlock;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The measurements a device answers GET_MEASUREMENTS with, in ascending index order. */
public final class DeviceMeasurements {
    public static final int SUMMARY_NONE = 0x00;
    public static final int SUMMARY_TCB = 0x01;
    public static final int SUMMARY_ALL = 0xFF;

    private final List<MeasurementEntry> entries;

    public DeviceMeasurements(List<MeasurementEntry> entries) {
        List<MeasurementEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingInt(MeasurementEntry::index));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).index() == sorted.get(i - 1).index()) {
                throw new IllegalArgumentException("measurement index " + sorted.get(i).index() + " appears twice");
            }
        }
        this.entries = List.copyOf(sorted);
    }

    /** A small, plausible device: ROM, firmware, hardware and firmware configuration, version and SVN. */
    public static DeviceMeasurements defaultDevice() {
        return new DeviceMeasurements(List.of(
                new MeasurementEntry(1, DmtfMeasurement.IMMUTABLE_ROM, utf8("teeio boot ROM 1.0"), "boot ROM"),
                new MeasurementEntry(2, DmtfMeasurement.MUTABLE_FIRMWARE, utf8("teeio DSM firmware 1.4.2"),
                        "DSM firmware"),
                new MeasurementEntry(3, DmtfMeasurement.HARDWARE_CONFIG, utf8("straps: x16 gen5, IDE on"),
                        "hardware configuration"),
                new MeasurementEntry(4, DmtfMeasurement.FIRMWARE_CONFIG, utf8("TDISP on, 1 default stream"),
                        "firmware configuration"),
                new MeasurementEntry(5, DmtfMeasurement.VERSION, utf8("1.4.2"), "firmware version"),
                new MeasurementEntry(6, DmtfMeasurement.SECURE_VERSION_NUMBER,
                        Bytes.of(new byte[] {3, 0, 0, 0, 0, 0, 0, 0}), "secure version number")));
    }

    private static Bytes utf8(String s) {
        return Bytes.of(s.getBytes(StandardCharsets.UTF_8));
    }

    public List<MeasurementEntry> entries() {
        return entries;
    }

    public int count() {
        return entries.size();
    }

    public Optional<MeasurementEntry> entry(int index) {
        return entries.stream().filter(e -> e.index() == index).findFirst();
    }

    /** The block for one entry: digest form unless raw is asked for or the hash is RawBitStreamOnly. */
    public MeasurementBlock block(MeasurementEntry e, MeasurementHashAlgo algo, boolean raw, SpdmCrypto crypto) {
        DmtfMeasurement m;
        if (raw || algo == MeasurementHashAlgo.RAW_BIT_STREAM_ONLY) {
            m = new DmtfMeasurement(DmtfMeasurement.RAW_BIT_STREAM | e.kind(), e.rawValue());
        } else {
            m = new DmtfMeasurement(e.kind(), Bytes.of(crypto.measurementHash(algo, e.rawValue().toByteArray())));
        }
        return MeasurementBlock.dmtf(e.index(), m);
    }

    public List<MeasurementBlock> blocks(MeasurementHashAlgo algo, boolean raw, SpdmCrypto crypto) {
        List<MeasurementBlock> out = new ArrayList<>();
        for (MeasurementEntry e : entries) {
            out.add(block(e, algo, raw, crypto));
        }
        return out;
    }

    /**
     * MeasurementSummaryHash for CHALLENGE_AUTH / KEY_EXCHANGE_RSP: Hash of the concatenated blocks (digest
     * form) of all entries (0xFF) or the TCB ones (0x01); all-zero when the TCB is empty.
     */
    public byte[] summaryHash(int type, BaseHashAlgo hash, MeasurementHashAlgo algo, SpdmCrypto crypto) {
        ByteArrayOutputStream concat = new ByteArrayOutputStream();
        boolean any = false;
        for (MeasurementEntry e : entries) {
            if (type == SUMMARY_ALL || e.inTcb()) {
                concat.writeBytes(block(e, algo, false, crypto).encode());
                any = true;
            }
        }
        if (!any) {
            return new byte[hash.size()];
        }
        return crypto.hash(hash, concat.toByteArray());
    }
}
