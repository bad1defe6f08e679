package io.teeio.platform.scenario;

import io.teeio.pcie.tdisp.TdiState;
import io.teeio.platform.fault.FaultPlan;
import io.teeio.platform.kernel.BoundDevicePolicy;
import io.teeio.platform.kernel.Errno;
import io.teeio.platform.kernel.HostPolicies;
import io.teeio.platform.kernel.RegionPolicy;
import io.teeio.platform.kernel.pci.PciRegs;
import io.teeio.platform.vmm.BindPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the scenario language of docs/scenarios.md: comments from {@code #}, setup lines, then action lines each
 * optionally followed by {@code => expectation[, expectation]}. Every problem is reported with its line.
 */
public final class ScenarioParser {
    private static final Set<String> SETUP_WORDS = Set.of("vfs", "seed", "region-policy", "bound-device-policy",
            "bind-path", "exclusive-ranges", "faults", "tamper", "cvm");
    private static final int CONFIG_SPACE_SIZE = 4096;

    private final String source;
    private int vfs = Setup.DEFAULT_VFS;
    private long seed = Setup.DEFAULT_SEED;
    private RegionPolicy regions = HostPolicies.DEFAULT.regions();
    private BoundDevicePolicy whileBound = HostPolicies.DEFAULT.whileBound();
    private BindPath bindPath = BindPath.VFIO_IOCTL;
    /** Unless given: set exactly when the kernel has the option (EXCLUSIVE_AT_OPEN). */
    private Boolean exclusiveRanges;
    private String faults = "";
    private final Set<Tamper> tampers = EnumSet.noneOf(Tamper.class);
    private final List<CvmDeclaration> cvms = new ArrayList<>();
    private final Map<String, Integer> setupSeen = new HashMap<>();
    private final List<Step> steps = new ArrayList<>();

    private ScenarioParser(String source) {
        this.source = source;
    }

    /** Reads and parses a file; the file name is the source named in errors. */
    public static Scenario parse(Path file) throws IOException, ScenarioParseException {
        return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    public static Scenario parse(String source, String text) throws ScenarioParseException {
        return new ScenarioParser(source).run(text);
    }

    private ScenarioParseException error(int line, String problem) {
        return new ScenarioParseException(source, line, problem);
    }

    private Scenario run(String text) throws ScenarioParseException {
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int line = i + 1;
            String content = lines[i];
            int hash = content.indexOf('#');
            if (hash >= 0) {
                content = content.substring(0, hash);
            }
            content = content.strip();
            if (content.isEmpty()) {
                continue;
            }
            String left = content;
            String right = null;
            int arrow = content.indexOf("=>");
            if (arrow >= 0) {
                left = content.substring(0, arrow).strip();
                right = content.substring(arrow + 2).strip();
                if (right.contains("=>")) {
                    throw error(line, "more than one '=>' on the line");
                }
                if (left.isEmpty()) {
                    throw error(line, "nothing before '=>': a line is an action, then '=>' and what it expects");
                }
                if (right.isEmpty()) {
                    throw error(line, "nothing after '=>': expected ok, refused, reached, error, an errno name "
                            + "or state STATE");
                }
            }
            String[] words = left.split("\\s+");
            if (SETUP_WORDS.contains(words[0])) {
                if (!steps.isEmpty()) {
                    throw error(line, "'" + words[0] + "' is a setup line; setup lines come before the first "
                            + "action (line " + steps.get(0).line() + ")");
                }
                if (right != null) {
                    throw error(line, "setup lines take no expectation ('=>')");
                }
                setup(line, words);
            } else {
                Action action = action(line, words);
                Optional<Expectation> expectation = right == null ? Optional.empty()
                        : Optional.of(expectation(line, right));
                if (expectation.flatMap(Expectation::state).isPresent() && cvms.isEmpty()) {
                    throw error(line, "'state' expects the TDI state of the current CVM, and no CVM is declared");
                }
                steps.add(new Step(line, action, expectation));
            }
        }
        if (steps.isEmpty()) {
            throw error(Math.max(1, lines.length), "no action: a scenario needs at least one action line");
        }
        for (CvmDeclaration c : cvms) {
            if (c.vf() > vfs) {
                throw error(c.line(), "CVM " + c.name() + " is on VF " + c.vf() + " but the device has " + vfs
                        + " VF(s)" + (setupSeen.containsKey("vfs") ? " (vfs on line " + setupSeen.get("vfs") + ")"
                                : " (the default; add a 'vfs N' line)"));
            }
        }
        boolean exclusive = exclusiveRanges != null ? exclusiveRanges : regions == RegionPolicy.EXCLUSIVE_AT_OPEN;
        Setup setup = new Setup(vfs, seed, new HostPolicies(regions, whileBound), bindPath, exclusive, faults,
                tampers, cvms);
        return new Scenario(source, setup, steps);
    }

    // ---- setup ----------------------------------------------------------------------------------------------------

    private void setup(int line, String[] w) throws ScenarioParseException {
        String word = w[0];
        if (!word.equals("cvm") && !word.equals("tamper")) {
            Integer first = setupSeen.putIfAbsent(word, line);
            if (first != null) {
                throw error(line, "'" + word + "' given twice (first on line " + first + ")");
            }
        }
        switch (word) {
            case "vfs" -> {
                arity(line, w, 2, "vfs N");
                vfs = (int) number(line, w[1], 0, 256, "the number of VFs");
            }
            case "seed" -> {
                arity(line, w, 2, "seed N");
                seed = number(line, w[1], Long.MIN_VALUE, Long.MAX_VALUE, "the seed");
            }
            case "region-policy" -> {
                arity(line, w, 2, "region-policy exclusive-at-open|dynamic-on-bind");
                regions = named(line, w[1], RegionPolicy.class, "region policy");
            }
            case "bound-device-policy" -> {
                arity(line, w, 2, "bound-device-policy block-while-bound|implicit-unbind");
                whileBound = named(line, w[1], BoundDevicePolicy.class, "bound-device policy");
            }
            case "bind-path" -> {
                arity(line, w, 2, "bind-path vfio-ioctl|iommufd-vdevice");
                bindPath = named(line, w[1], BindPath.class, "bind path");
            }
            case "exclusive-ranges" -> {
                arity(line, w, 2, "exclusive-ranges on|off");
                if (!w[1].equals("on") && !w[1].equals("off")) {
                    throw error(line, "exclusive-ranges is 'on' or 'off', not '" + w[1] + "'");
                }
                exclusiveRanges = w[1].equals("on");
            }
            case "faults" -> {
                arity(line, w, 2, "faults SPEC (e.g. doe-busy@2,response-not-ready%0.1)");
                try {
                    FaultPlan.parse(w[1], 0);
                } catch (IllegalArgumentException e) {
                    throw error(line, e.getMessage());
                }
                faults = w[1];
            }
            case "tamper" -> {
                arity(line, w, 2, "tamper measurements|report");
                Tamper t = Arrays.stream(Tamper.values()).filter(x -> x.scriptName().equals(w[1])).findFirst()
                        .orElseThrow(() -> error(line, "unknown tamper '" + w[1] + "': expected measurements or "
                                + "report"));
                if (!tampers.add(t)) {
                    throw error(line, "'tamper " + w[1] + "' given twice");
                }
            }
            case "cvm" -> cvm(line, w);
            default -> throw new IllegalStateException("setup word without a case: " + word);
        }
    }

    private void cvm(int line, String[] w) throws ScenarioParseException {
        if (w.length != 5 || !w[2].equals("on") || !w[3].equals("vf")) {
            throw error(line, "expected 'cvm NAME on vf N'");
        }
        String name = w[1];
        if (cvms.stream().anyMatch(c -> c.name().equals(name))) {
            throw error(line, "CVM " + name + " declared twice");
        }
        cvms.add(new CvmDeclaration(name, (int) number(line, w[4], 1, 256, "the VF number"), line));
    }

    private void arity(int line, String[] w, int n, String usage) throws ScenarioParseException {
        if (w.length != n) {
            throw error(line, "expected '" + usage + "'");
        }
    }

    private long number(int line, String text, long min, long max, String what) throws ScenarioParseException {
        long v;
        try {
            v = text.toLowerCase(Locale.ROOT).startsWith("0x") ? Long.parseUnsignedLong(text.substring(2), 16)
                    : Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw error(line, what + " '" + text + "' is not a number (decimal or 0x...)");
        }
        if (v < min || v > max) {
            throw error(line, what + " " + v + " is out of range " + min + ".." + max);
        }
        return v;
    }

    /** An enum constant written in lower case with hyphens: {@code dynamic-on-bind} for DYNAMIC_ON_BIND. */
    private <E extends Enum<E>> E named(int line, String text, Class<E> type, String what)
            throws ScenarioParseException {
        for (E e : type.getEnumConstants()) {
            if (scriptName(e).equals(text)) {
                return e;
            }
        }
        throw error(line, "unknown " + what + " '" + text + "': expected " + Arrays.stream(type.getEnumConstants())
                .map(ScenarioParser::scriptName).collect(Collectors.joining(" or ")));
    }

    static String scriptName(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    // ---- actions --------------------------------------------------------------------------------------------------

    private Action action(int line, String[] w) throws ScenarioParseException {
        Action a = switch (w[0]) {
            case "host-mmio" -> {
                arity(line, w, 2, "host-mmio PATH (" + HostPath.names() + ")");
                yield new Action.HostMmio(HostPath.byName(w[1]).orElseThrow(() -> error(line, "unknown host path '"
                        + w[1] + "': expected one of " + HostPath.names())));
            }
            case "config-write" -> configWrite(line, w);
            case "use" -> {
                arity(line, w, 2, "use NAME");
                if (cvms.stream().noneMatch(c -> c.name().equals(w[1]))) {
                    throw error(line, "no CVM named " + w[1] + " is declared");
                }
                yield new Action.Use(w[1]);
            }
            default -> {
                Action.Simple s = Action.Simple.byName(w[0]).orElseThrow(() -> error(line, "unknown action '" + w[0]
                        + "'; actions: " + actionNames() + "; setup lines: " + String.join(", ",
                                SETUP_WORDS.stream().sorted().toList())));
                if (w.length != 1) {
                    throw error(line, "'" + w[0] + "' takes no argument, got '" + w[1] + "'");
                }
                yield s;
            }
        };
        if (a.needsCvm() && cvms.isEmpty()) {
            throw error(line, "'" + w[0] + "' acts on a CVM: declare one with 'cvm NAME on vf N' before the first "
                    + "action");
        }
        return a;
    }

    private static String actionNames() {
        List<String> names = new ArrayList<>();
        Arrays.stream(Action.Simple.values()).forEach(s -> names.add(s.text()));
        names.add("host-mmio PATH");
        names.add("config-write REG VALUE");
        names.add("use NAME");
        return String.join(", ", names);
    }

    private Action configWrite(int line, String[] w) throws ScenarioParseException {
        arity(line, w, 3, "config-write REG VALUE (REG: command or a 4-byte aligned offset)");
        int offset;
        int width;
        if (w[1].equals("command")) {
            offset = PciRegs.COMMAND;
            width = 2;
        } else {
            offset = (int) number(line, w[1], 0, CONFIG_SPACE_SIZE - 4, "the config offset");
            if (offset % 4 != 0) {
                throw error(line, "config offset 0x" + Integer.toHexString(offset) + " is not 4-byte aligned "
                        + "(numeric offsets are written as 4 bytes; use 'command' for the Command register)");
            }
            width = 4;
        }
        long value = number(line, w[2], 0, width == 2 ? 0xFFFF : 0xFFFF_FFFFL, "the value");
        return new Action.ConfigWrite(w[1], offset, width, (int) value);
    }

    // ---- expectations ---------------------------------------------------------------------------------------------

    private Expectation expectation(int line, String text) throws ScenarioParseException {
        Optional<Expectation.Expected> outcome = Optional.empty();
        Optional<TdiState> state = Optional.empty();
        for (String item : text.split(",", -1)) {
            String x = item.strip();
            if (x.isEmpty()) {
                throw error(line, "empty expectation between commas");
            }
            if (x.startsWith("state")) {
                String[] w = x.split("\\s+");
                if (w.length != 2 || !w[0].equals("state")) {
                    throw error(line, "expected 'state STATE' (" + stateNames() + "), got '" + x + "'");
                }
                if (state.isPresent()) {
                    throw error(line, "more than one state expected");
                }
                state = Optional.of(tdiState(line, w[1]));
                continue;
            }
            if (outcome.isPresent()) {
                throw error(line, "more than one outcome expected ('" + outcome.get().text() + "' and '" + x
                        + "'); a line may expect one outcome and one state");
            }
            outcome = Optional.of(outcome(line, x));
        }
        return new Expectation(outcome, state);
    }

    private Expectation.Expected outcome(int line, String x) throws ScenarioParseException {
        switch (x) {
            case "ok":
                return new Expectation.Ok();
            case "reached":
                return new Expectation.Reached();
            case "refused":
                return new Expectation.Refused();
            case "error":
                return new Expectation.AnyError();
            default:
                for (Errno e : Errno.values()) {
                    if (e.name().equals(x)) {
                        return new Expectation.Failed(e);
                    }
                }
                throw error(line, "unknown expectation '" + x + "': expected ok, refused, reached, error, state STATE "
                        + "or an errno name (" + Arrays.stream(Errno.values()).map(Errno::name)
                                .collect(Collectors.joining(", ")) + ")");
        }
    }

    private TdiState tdiState(int line, String s) throws ScenarioParseException {
        for (TdiState t : TdiState.values()) {
            if (t.name().equals(s)) {
                return t;
            }
        }
        throw error(line, "unknown TDI state '" + s + "': expected " + stateNames());
    }

    private static String stateNames() {
        return Arrays.stream(TdiState.values()).map(TdiState::name).collect(Collectors.joining(", "));
    }
}
