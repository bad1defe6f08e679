package io.teeio.cli.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.teeio.platform.guest.ExpectedMmioRange;
import io.teeio.platform.guest.GuestPolicy;
import io.teeio.spdm.codec.Bytes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A CVM's reference values as JSON:
 * <pre>{
 *   "trustAnchors": ["-----BEGIN CERTIFICATE-----\n..."],
 *   "referenceMeasurements": {"1": "hex digest", ...},
 *   "mmioRanges": [{"rangeId": 0, "pages": 4, "nonTeeMemory": false}],
 *   "requiredInterfaceInfo": 0
 * }</pre>
 */
public final class PolicyFile {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PolicyFile() {
    }

    public static void write(Path file, GuestPolicy p) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode anchors = root.putArray("trustAnchors");
        for (X509Certificate c : p.trustAnchors()) {
            try {
                anchors.add("-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
                        .encodeToString(c.getEncoded()) + "\n-----END CERTIFICATE-----\n");
            } catch (CertificateEncodingException e) {
                throw new IOException("cannot encode trust anchor " + c.getSubjectX500Principal(), e);
            }
        }
        ObjectNode refs = root.putObject("referenceMeasurements");
        p.referenceMeasurements().forEach((k, v) -> refs.put(Integer.toString(k), v.toHex()));
        ArrayNode ranges = root.putArray("mmioRanges");
        for (ExpectedMmioRange r : p.mmioRanges()) {
            ranges.addObject().put("rangeId", r.rangeId()).put("pages", r.pages()).put("nonTeeMemory",
                    r.nonTeeMemory());
        }
        root.put("requiredInterfaceInfo", p.requiredInterfaceInfo());
        Files.writeString(file, JSON.writeValueAsString(root));
    }

    public static GuestPolicy read(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file");
        } catch (IOException e) {
            throw new IOException(file + ": not valid JSON: " + e.getMessage());
        }
        try {
            List<X509Certificate> anchors = new ArrayList<>();
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (JsonNode a : required(root, "trustAnchors", file)) {
                anchors.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(a.asText().getBytes())));
            }
            Map<Integer, Bytes> refs = new TreeMap<>();
            JsonNode r = required(root, "referenceMeasurements", file);
            for (Map.Entry<String, JsonNode> e : r.properties()) {
                refs.put(Integer.parseInt(e.getKey()), Bytes.of(HexFormat.of().parseHex(e.getValue().asText())));
            }
            List<ExpectedMmioRange> ranges = new ArrayList<>();
            for (JsonNode m : required(root, "mmioRanges", file)) {
                ranges.add(new ExpectedMmioRange(m.get("rangeId").asInt(), m.get("pages").asLong(),
                        m.path("nonTeeMemory").asBoolean(false)));
            }
            return new GuestPolicy(anchors, refs, ranges, root.path("requiredInterfaceInfo").asInt(0));
        } catch (CertificateException e) {
            throw new IOException(file + ": a trust anchor is not a PEM certificate: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new IOException(file + ": " + e.getMessage());
        }
    }

    private static JsonNode required(JsonNode root, String field, Path file) throws IOException {
        JsonNode n = root == null ? null : root.get(field);
        if (n == null) {
            throw new IOException(file + ": \"" + field + "\" is missing");
        }
        return n;
    }
}
