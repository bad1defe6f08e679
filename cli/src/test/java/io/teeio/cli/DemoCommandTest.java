package io.teeio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.teeio.platform.fault.FaultPoint;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

class DemoCommandTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    private static Run run(DemoCommand demo, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(demo);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static Run run(String... args) {
        return run(new DemoCommand(), args);
    }

    @Test
    void demoRunsAllEightStepsAndPrintsTheSummary() {
        Run r = run("--seed", "5");
        assertEquals(0, r.exit(), r.out() + r.err());
        for (int step = 1; step <= 8; step++) {
            assertTrue(r.out().contains("Step " + step + "."), "step " + step + " narrated");
        }
        assertTrue(r.out().contains("LOCK_INTERFACE_REQUEST"), r.out());
        assertTrue(r.out().contains("(CONFIG_LOCKED => RUN)"), r.out());
        assertTrue(r.out().contains("8    teardown             no object left in the kernel"), r.out());
        assertTrue(r.out().contains("SPDM version          1.2"), r.out());
    }

    @Test
    void quietDemoPrintsOnlyTheSummary() {
        Run r = run("--quiet");
        assertEquals(0, r.exit());
        assertFalse(r.out().contains("[kernel]"), r.out());
        assertTrue(r.out().contains("Summary"));
    }

    @ParameterizedTest
    @EnumSource(FaultPoint.class)
    void everyFaultEndsNonZeroNamingTheFaultAndTheStep(FaultPoint fault) {
        Run r = run("--quiet", "--fault", fault.cliName());
        assertTrue(r.exit() == 1 || r.exit() == 3, "exit " + r.exit() + ": " + r.err());
        assertTrue(r.err().contains("fault " + fault.cliName()), r.err());
        assertTrue(Pattern.compile("step \\d \\(|first in step \\d").matcher(r.err()).find(), r.err());
    }

    @Test
    void theSameSeedReplaysTheSameTrace() throws Exception {
        Path a = dir.resolve("a.jsonl");
        Path b = dir.resolve("b.jsonl");
        assertEquals(0, run("--quiet", "--seed", "9", "--trace-json", a.toString()).exit());
        assertEquals(0, run("--quiet", "--seed", "9", "--trace-json", b.toString()).exit());
        assertEquals(Files.readAllLines(a), Files.readAllLines(b));
    }

    @Test
    void badOptionsAreExitTwoWithAClearMessage() {
        Run r = run("--region-policy", "sometimes");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--region-policy must be exclusive-at-open or dynamic-on-bind"), r.err());
    }

    @Test
    void sequenceDiagramHoldsLockStartAndStopInOrder() throws Exception {
        Path seq = dir.resolve("run.mmd");
        assertEquals(0, run("--quiet", "--sequence", seq.toString()).exit());
        String m = Files.readString(seq);
        assertTrue(m.startsWith("sequenceDiagram\n"));
        for (String p : List.of("CVM as guest CVM", "VMM as VMM", "Kernel as host kernel", "TSM as platform TSM",
                "Device as device DSM")) {
            assertTrue(m.contains("participant " + p), p);
        }
        int lock = m.indexOf("LOCK_INTERFACE_REQUEST");
        int start = m.indexOf("START_INTERFACE_REQUEST");
        int stop = m.indexOf("STOP_INTERFACE_REQUEST");
        assertTrue(lock > 0 && start > lock && stop > start, "LOCK, START and STOP in order: " + lock + " " + start
                + " " + stop);
        for (String line : m.split("\n")) {
            if (!line.isBlank() && !line.startsWith("sequenceDiagram")) {
                assertTrue(line.matches("    (participant \\w+ as .+|\\w+->>\\w+: .+|Note over \\w+: .+)"), line);
            }
        }
    }

    @Test
    void jsonTraceFollowsTheSchemaAndHoldsNoKeyMaterial() throws Exception {
        Set<String> secrets = RecordingCrypto.newSet();
        DemoCommand demo = new DemoCommand();
        demo.machineCustomizer = b -> b.cryptoWrapper(c -> new RecordingCrypto(c, secrets));
        Path json = dir.resolve("trace.jsonl");
        assertEquals(0, run(demo, "--quiet", "--trace-json", json.toString()).exit());
        List<String> lines = Files.readAllLines(json);
        assertTrue(lines.size() > 100, "a full run has many events: " + lines.size());
        assertTrue(secrets.size() > 20, "the run used keys, nonces and secrets: " + secrets.size());
        ObjectMapper mapper = new ObjectMapper();
        long seq = 0;
        for (String line : lines) {
            JsonNode e = mapper.readTree(line);
            assertEquals(++seq, e.get("seq").asLong());
            for (String f : List.of("tNanos", "layer", "actor", "action")) {
                assertTrue(e.hasNonNull(f), f + " in " + line);
            }
            String lower = line.toLowerCase();
            Matcher hex = Pattern.compile("[0-9a-f]{16,}").matcher(lower);
            while (hex.find()) {
                String h = hex.group();
                for (String s : secrets) {
                    assertFalse(h.contains(s) || s.contains(h) && h.length() >= 16,
                            "event " + seq + " holds key material: " + line);
                }
            }
        }
    }
}
