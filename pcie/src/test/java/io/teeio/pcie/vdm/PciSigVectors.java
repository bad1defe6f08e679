package io.teeio.pcie.vdm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test-only access to testdata/libspdm (a copy of shared/vectors/libspdm): the PCI-SIG vendor-defined messages of a .vec log (SPDM vendor
 * header and ProtocolID stripped) and the key = value lines of a .session.txt file.
 */
public final class PciSigVectors {
    /** `12 FE|7E 00 00 03 00 02 01 00 LL LL`: SPDM 1.2 VENDOR_DEFINED header for PCI-SIG. */
    public static final int SPDM_VENDOR_HEADER = 11;

    public static final Path DIR = locate();

    /**
     * One PCI-SIG protocol message from a vector run.
     *
     * @param name    the log line's description (e.g. "IDE_KM KEY_PROG stream=0 kss=0x00 port=1")
     * @param message the protocol message after the ProtocolID byte
     */
    public record VendorMessage(boolean fromRequester, String name, PciSigProtocol protocol, byte[] message) {
        @Override
        public String toString() {
            return (fromRequester ? "> " : "< ") + name;
        }
    }

    private PciSigVectors() {
    }

    private static Path locate() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("testdata/libspdm");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("testdata/libspdm not found above " + Path.of("").toAbsolutePath());
    }

    /** PCI-SIG (VendorID 0x0001) vendor messages inside sessions; CXL (0x1E98) ones are skipped. */
    public static List<VendorMessage> pciSigMessages(String run) {
        List<VendorMessage> out = new ArrayList<>();
        String header = null;
        StringBuilder hex = new StringBuilder();
        List<String> lines = new ArrayList<>(read(DIR.resolve(run + ".vec")));
        lines.add("");
        for (String line : lines) {
            if (line.startsWith("#")) {
                continue;
            }
            if (line.startsWith(">") || line.startsWith("<")) {
                header = line;
                hex.setLength(0);
            } else if (line.isBlank()) {
                if (header != null) {
                    vendorMessage(header, HexFormat.of().parseHex(hex.toString())).ifPresent(out::add);
                    header = null;
                }
            } else if (header != null) {
                hex.append(line.replace(" ", ""));
            }
        }
        return out;
    }

    private static java.util.Optional<VendorMessage> vendorMessage(String header, byte[] spdm) {
        boolean request = (spdm[1] & 0xFF) == 0xFE;
        boolean response = (spdm[1] & 0xFF) == 0x7E;
        boolean inSession = header.contains("[session ");
        if (!(request || response) || !inSession) {
            return java.util.Optional.empty();
        }
        int standardId = (spdm[4] & 0xFF) | (spdm[5] & 0xFF) << 8;
        int vendorIdLen = spdm[6] & 0xFF;
        int vendorId = (spdm[7] & 0xFF) | (spdm[8] & 0xFF) << 8;
        if (standardId != 3 || vendorIdLen != 2 || vendorId != 0x0001) {
            return java.util.Optional.empty();
        }
        int length = (spdm[9] & 0xFF) | (spdm[10] & 0xFF) << 8;
        if (length != spdm.length - SPDM_VENDOR_HEADER) {
            throw new IllegalStateException("vendor length " + length + " disagrees with message size in " + header);
        }
        PciSigProtocol protocol = PciSigProtocol.fromId(spdm[SPDM_VENDOR_HEADER] & 0xFF).orElseThrow();
        byte[] message = java.util.Arrays.copyOfRange(spdm, SPDM_VENDOR_HEADER + 1, spdm.length);
        String name = header.substring(header.indexOf(']') + 1).trim().replaceFirst("^VENDOR_DEFINED_\\w+ ", "");
        return java.util.Optional.of(new VendorMessage(request, name, protocol, message));
    }

    /** key = value lines of a .session.txt file (all sessions merged; later keys win). */
    public static Map<String, String> sessionValues(String run) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : read(DIR.resolve(run + ".session.txt"))) {
            int eq = line.indexOf(" = ");
            if (!line.startsWith("#") && eq > 0) {
                out.put(line.substring(0, eq).trim(), line.substring(eq + 3).trim());
            }
        }
        return out;
    }

    public static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s+", ""));
    }

    private static List<String> read(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
