package io.teeio.spdm.vectors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Reads the captured libspdm runs in testdata/libspdm (a copy of shared/vectors/libspdm): the .vec message logs, the per-session
 * key-schedule files and the certificate files. Test-only.
 */
public final class LibspdmVectors {
    /** Where the shared vectors live, relative to any module directory of the project. */
    public static final Path DIR = locate();

    public enum Run {
        A_ECDSA_P384("A_ecdsa_p384"),
        B_ECDSA_P256("B_ecdsa_p256"),
        C_RSAPSS3072("C_rsapss3072"),
        D_ECDSA_P384_MEAS1BY1("D_ecdsa_p384_meas1by1");

        private final String file;

        Run(String file) {
            this.file = file;
        }

        public String fileStem() {
            return file;
        }
    }

    /**
     * One logged SPDM message.
     *
     * @param fromRequester true for "&gt;" lines
     * @param name          the message name as logged (e.g. "CHALLENGE_AUTH")
     * @param session       the secured session it travelled in, if any
     * @param bytes         the exact SPDM message bytes
     * @param index         position in the file, from 0
     */
    public record Message(boolean fromRequester, String name, OptionalLong session, byte[] bytes, int index) {
        public boolean inSession() {
            return session.isPresent();
        }

        public int code() {
            return bytes[1] & 0xFF;
        }
    }

    private LibspdmVectors() {
    }

    private static Path locate() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            Path candidate = p.resolve("testdata/libspdm");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("testdata/libspdm not found above " + here);
    }

    public static List<Message> messages(Run run) {
        List<String> lines = lines(DIR.resolve(run.fileStem() + ".vec"));
        List<Message> out = new ArrayList<>();
        String header = null;
        StringBuilder hex = new StringBuilder();
        for (String line : lines) {
            if (line.startsWith("#")) {
                continue;
            }
            if (line.startsWith(">") || line.startsWith("<")) {
                header = line;
                hex.setLength(0);
            } else if (line.isBlank()) {
                if (header != null) {
                    out.add(parse(header, hex.toString(), out.size()));
                    header = null;
                }
            } else if (header != null) {
                hex.append(line.replace(" ", ""));
            }
        }
        if (header != null) {
            out.add(parse(header, hex.toString(), out.size()));
        }
        return out;
    }

    private static Message parse(String header, String hex, int index) {
        boolean fromRequester = header.startsWith(">");
        String rest = header.substring(1).trim();
        OptionalLong session = OptionalLong.empty();
        if (rest.startsWith("[session ")) {
            int end = rest.indexOf(']');
            session = OptionalLong.of(Long.parseLong(rest.substring("[session 0x".length(), end), 16));
            rest = rest.substring(end + 1).trim();
        }
        return new Message(fromRequester, rest, session, HexFormat.of().parseHex(hex), index);
    }

    /** The key = value lines of a .session.txt file, grouped by "[session N]" (0 = lines before any session). */
    public static List<Map<String, String>> sessions(Run run) {
        List<Map<String, String>> out = new ArrayList<>();
        Map<String, String> current = new LinkedHashMap<>();
        out.add(current);
        for (String line : lines(DIR.resolve(run.fileStem() + ".session.txt"))) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            if (line.startsWith("[session ")) {
                current = new LinkedHashMap<>();
                current.put("header", line);
                out.add(current);
                continue;
            }
            int eq = line.indexOf(" = ");
            if (eq > 0) {
                current.put(line.substring(0, eq).trim(), line.substring(eq + 3).trim());
            }
        }
        return out;
    }

    /** The DER certificates (root first) the responder used for a slot, without the SPDM chain header. */
    public static byte[] certChainDer(Run run, int slot) {
        return bytes(DIR.resolve(run.fileStem() + ".slot" + slot + ".certchain.der"));
    }

    public static byte[] rootCaDer(Run run, int slot) {
        return bytes(DIR.resolve(run.fileStem() + ".slot" + slot + ".rootca.der"));
    }

    public static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    private static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
