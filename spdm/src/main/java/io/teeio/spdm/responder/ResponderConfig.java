package io.teeio.spdm.responder;

import io.teeio.spdm.cert.DeviceIdentity;
import io.teeio.spdm.cert.SlotIdentities;
import io.teeio.spdm.crypto.AeadAlgo;
import io.teeio.spdm.crypto.BaseAsymAlgo;
import io.teeio.spdm.crypto.BaseHashAlgo;
import io.teeio.spdm.crypto.DheGroup;
import io.teeio.spdm.crypto.MeasurementHashAlgo;
import io.teeio.spdm.measurement.DeviceMeasurements;
import io.teeio.spdm.message.CapabilityFlags;
import io.teeio.spdm.message.SpdmVersion;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import io.teeio.trace.TimeSource;
import java.util.function.IntConsumer;
import java.util.function.IntPredicate;

/** Everything a responder is configured with; built with {@link #builder()}. */
public record ResponderConfig(List<SpdmVersion> versions, int capabilityFlags, int ctExponent, int dataTransferSize,
        int maxSpdmMsgSize, List<BaseHashAlgo> hashes, List<MeasurementHashAlgo> measurementHashes,
        List<DheGroup> dheGroups, List<AeadAlgo> aeads, Map<Integer, DeviceIdentity> slots,
        DeviceMeasurements measurements, int heartbeatPeriod, int maxSessions, VendorRequestHandler vendorHandler,
        IntPredicate responseNotReady, IntConsumer sessionEnded, TimeSource time, String name) {

    /** CERT, CHAL, MEAS (signed, fresh), ENCRYPT, MAC, KEY_EX, HBEAT, KEY_UPD, HANDSHAKE_IN_THE_CLEAR. */
    public static final int DEFAULT_FLAGS = CapabilityFlags.CERT_CAP | CapabilityFlags.CHAL_CAP
            | CapabilityFlags.MEAS_CAP_SIG | CapabilityFlags.MEAS_FRESH_CAP | CapabilityFlags.ENCRYPT_CAP
            | CapabilityFlags.MAC_CAP | CapabilityFlags.KEY_EX_CAP | CapabilityFlags.HBEAT_CAP
            | CapabilityFlags.KEY_UPD_CAP | CapabilityFlags.HANDSHAKE_IN_THE_CLEAR_CAP;

    public ResponderConfig {
        versions = List.copyOf(versions);
        hashes = List.copyOf(hashes);
        measurementHashes = List.copyOf(measurementHashes);
        dheGroups = List.copyOf(dheGroups);
        aeads = List.copyOf(aeads);
        slots = Map.copyOf(slots);
        Objects.requireNonNull(measurements, "measurements");
        Objects.requireNonNull(vendorHandler, "vendorHandler");
        Objects.requireNonNull(responseNotReady, "responseNotReady");
        Objects.requireNonNull(sessionEnded, "sessionEnded");
        Objects.requireNonNull(time, "time");
        if (heartbeatPeriod < 0 || heartbeatPeriod > 255) {
            throw new IllegalArgumentException("HeartbeatPeriod is 0..255 seconds, got " + heartbeatPeriod);
        }
        for (int slot : slots.keySet()) {
            if (slot < 0 || slot > 7) {
                throw new IllegalArgumentException("certificate slots are 0..7, got " + slot);
            }
        }
        if (dataTransferSize < 42) {
            throw new IllegalArgumentException("DataTransferSize must be at least 42 (MinDataTransferSize)");
        }
    }

    /** The asymmetric algorithms the provisioned slots can sign with. */
    public int asymMask() {
        int m = 0;
        for (DeviceIdentity s : slots.values()) {
            m |= s.asym().mask();
        }
        return m;
    }

    public List<BaseAsymAlgo> asymAlgos() {
        return slots.values().stream().map(DeviceIdentity::asym).distinct().toList();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.versions = versions;
        b.flags = capabilityFlags;
        b.ctExponent = ctExponent;
        b.dataTransferSize = dataTransferSize;
        b.maxSpdmMsgSize = maxSpdmMsgSize;
        b.hashes = hashes;
        b.measurementHashes = measurementHashes;
        b.dheGroups = dheGroups;
        b.aeads = aeads;
        b.slots = new TreeMap<>(slots);
        b.measurements = measurements;
        b.heartbeatPeriod = heartbeatPeriod;
        b.maxSessions = maxSessions;
        b.vendorHandler = vendorHandler;
        b.responseNotReady = responseNotReady;
        b.sessionEnded = sessionEnded;
        b.time = time;
        b.name = name;
        return b;
    }

    public static final class Builder {
        private List<SpdmVersion> versions = List.of(SpdmVersion.V1_0, SpdmVersion.V1_1, SpdmVersion.V1_2);
        private int flags = DEFAULT_FLAGS;
        private int ctExponent = 12;
        private int dataTransferSize = 0x1200;
        private int maxSpdmMsgSize = 0x1200;
        private List<BaseHashAlgo> hashes = BaseHashAlgo.PRIORITY;
        private List<MeasurementHashAlgo> measurementHashes = MeasurementHashAlgo.PRIORITY;
        private List<DheGroup> dheGroups = DheGroup.PRIORITY;
        private List<AeadAlgo> aeads = AeadAlgo.PRIORITY;
        private Map<Integer, DeviceIdentity> slots = new TreeMap<>();
        private DeviceMeasurements measurements = DeviceMeasurements.defaultDevice();
        private int heartbeatPeriod = 0;
        private int maxSessions = 4;
        private VendorRequestHandler vendorHandler = VendorRequestHandler.NONE;
        private IntPredicate responseNotReady = code -> false;
        private IntConsumer sessionEnded = id -> { };
        private TimeSource time = TimeSource.SYSTEM;
        private String name = "responder";

        public Builder versions(List<SpdmVersion> v) {
            versions = v;
            return this;
        }

        public Builder capabilityFlags(int f) {
            flags = f;
            return this;
        }

        public Builder ctExponent(int e) {
            ctExponent = e;
            return this;
        }

        public Builder dataTransferSize(int dts, int max) {
            dataTransferSize = dts;
            maxSpdmMsgSize = max;
            return this;
        }

        public Builder hashes(List<BaseHashAlgo> h) {
            hashes = h;
            return this;
        }

        public Builder measurementHashes(List<MeasurementHashAlgo> h) {
            measurementHashes = h;
            return this;
        }

        public Builder dheGroups(List<DheGroup> d) {
            dheGroups = d;
            return this;
        }

        public Builder aeads(List<AeadAlgo> a) {
            aeads = a;
            return this;
        }

        public Builder slot(int slot, DeviceIdentity credential) {
            slots.put(slot, credential);
            return this;
        }

        public Builder slots(SlotIdentities identities) {
            slots = new TreeMap<>(identities.asMap());
            return this;
        }

        public Builder measurements(DeviceMeasurements m) {
            measurements = m;
            return this;
        }

        /** The clock of the heartbeat watchdog. */
        public Builder time(TimeSource t) {
            time = t;
            return this;
        }

        /**
         * HeartbeatPeriod offered in KEY_EXCHANGE_RSP (0: none). With a period, a session that hears nothing for
         * twice the period is ended, as DSP0274 lets a responder do.
         */
        public Builder heartbeatPeriod(int seconds) {
            heartbeatPeriod = seconds;
            return this;
        }

        public Builder maxSessions(int n) {
            maxSessions = n;
            return this;
        }

        public Builder vendorHandler(VendorRequestHandler h) {
            vendorHandler = h;
            return this;
        }

        /** Fault injection: answer ResponseNotReady first to requests whose code matches. */
        public Builder responseNotReady(IntPredicate p) {
            responseNotReady = p;
            return this;
        }

        /** Told the session id (as the 32-bit value) whenever a session ends, for whatever reason. */
        public Builder sessionEnded(IntConsumer listener) {
            sessionEnded = listener;
            return this;
        }

        public Builder name(String n) {
            name = n;
            return this;
        }

        public ResponderConfig build() {
            return new ResponderConfig(versions, flags, ctExponent, dataTransferSize, maxSpdmMsgSize, hashes,
                    measurementHashes, dheGroups, aeads, slots, measurements, heartbeatPeriod, maxSessions,
                    vendorHandler, responseNotReady, sessionEnded, time, name);
        }
    }
}
