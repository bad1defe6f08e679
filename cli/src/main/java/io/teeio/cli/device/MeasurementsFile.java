package io.teeio.cli.device;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.measurement.DeviceMeasurements;
import io.teeio.spdm.measurement.MeasurementEntry;
import io.teeio.spdm.message.DmtfMeasurement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * A device's measurements as JSON:
 * {@code {"measurements": [{"index": 1, "kind": "immutable-rom", "text": "boot ROM 1.0"},
 * {"index": 2, "kind": 1, "hex": "0a0b", "description": "firmware"}]}}. {@code kind} is a DMTF type number or
 * one of immutable-rom, mutable-firmware, hardware-config, firmware-config, manifest, device-mode, version,
 * svn; the value is {@code text} (UTF-8) or {@code hex}.
 */
public final class MeasurementsFile {
    private MeasurementsFile() {
    }

    public static DeviceMeasurements load(Path file) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file");
        } catch (IOException e) {
            throw new IOException(file + ": not valid JSON: " + e.getMessage());
        }
        JsonNode list = root == null ? null : root.get("measurements");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new IOException(file + ": expected an object with a non-empty \"measurements\" array");
        }
        List<MeasurementEntry> entries = new ArrayList<>();
        int i = 0;
        for (JsonNode m : list) {
            String where = file + ": measurements[" + i++ + "]";
            if (!m.hasNonNull("index") || !m.get("index").canConvertToInt()) {
                throw new IOException(where + ": \"index\" (1..254) is missing");
            }
            int index = m.get("index").asInt();
            int kind = kind(m.get("kind"), where);
            Bytes value;
            if (m.hasNonNull("text")) {
                value = Bytes.of(m.get("text").asText().getBytes(StandardCharsets.UTF_8));
            } else if (m.hasNonNull("hex")) {
                try {
                    value = Bytes.of(HexFormat.of().parseHex(m.get("hex").asText().replaceAll("\\s+", "")));
                } catch (IllegalArgumentException e) {
                    throw new IOException(where + ": \"hex\" is not hexadecimal");
                }
            } else {
                throw new IOException(where + ": give the value as \"text\" or \"hex\"");
            }
            String description = m.hasNonNull("description") ? m.get("description").asText() : null;
            try {
                entries.add(new MeasurementEntry(index, kind, value, description));
            } catch (IllegalArgumentException e) {
                throw new IOException(where + ": " + e.getMessage());
            }
        }
        try {
            return new DeviceMeasurements(entries);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage());
        }
    }

    private static int kind(JsonNode k, String where) throws IOException {
        if (k == null || k.isNull()) {
            throw new IOException(where + ": \"kind\" is missing");
        }
        if (k.canConvertToInt()) {
            return k.asInt();
        }
        return switch (k.asText().toLowerCase(Locale.ROOT)) {
            case "immutable-rom" -> DmtfMeasurement.IMMUTABLE_ROM;
            case "mutable-firmware" -> DmtfMeasurement.MUTABLE_FIRMWARE;
            case "hardware-config" -> DmtfMeasurement.HARDWARE_CONFIG;
            case "firmware-config" -> DmtfMeasurement.FIRMWARE_CONFIG;
            case "manifest" -> DmtfMeasurement.MEASUREMENT_MANIFEST;
            case "device-mode" -> DmtfMeasurement.DEVICE_MODE;
            case "version" -> DmtfMeasurement.VERSION;
            case "svn" -> DmtfMeasurement.SECURE_VERSION_NUMBER;
            default -> throw new IOException(where + ": unknown kind '" + k.asText() + "'");
        };
    }
}
