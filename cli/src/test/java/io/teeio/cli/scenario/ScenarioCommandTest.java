package io.teeio.cli.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.teeio.cli.TeeioCommand;
import io.teeio.platform.device.EndpointSpec;
import io.teeio.platform.dsm.EmulatedDevice;
import io.teeio.platform.scenario.ScenarioRunner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ScenarioCommandTest {
    private static ScenarioRunner runner;

    @TempDir
    Path dir;

    @BeforeAll
    static void oneIdentityForAllRuns() {
        runner = ScenarioRunner.withIdentity(EmulatedDevice.generateIdentity(EndpointSpec.builder().build().identity(),
                1));
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static Run scenario(String... args) {
        return run(new CommandLine(new ScenarioCommand(runner)), args);
    }

    private Path file(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void aScenarioWhoseExpectationsAreAllMetExitsZeroAndSaysSo() throws Exception {
        Path f = file("ok.tsc", "cvm A on vf 1\nopen\nhost-mmio dev-mem => refused\nclose\nleaks => ok\n");
        Run r = scenario(f.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("line 3  host-mmio dev-mem => refused\n  -> refused (EPERM): read /dev/mem: EPERM"),
                r.out());
        assertTrue(r.out().contains("[met]"), r.out());
        assertTrue(r.out().strip().endsWith("scenario PASSED (4 steps, all expectations met)"), r.out());
    }

    @Test
    void anUnmetExpectationExitsOneNamingTheLine() throws Exception {
        Path f = file("unmet.tsc", "cvm A on vf 1\nopen\nhost-mmio dev-mem => reached\nclose\n");
        Run r = scenario(f.toString());
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().contains("scenario FAILED: line 3 (host-mmio dev-mem => reached): expected reached, got "
                + "refused (EPERM)"), r.out());
    }

    @Test
    void aRunThatStopsExitsOneAndListsTheLinesNotRun() throws Exception {
        Path f = file("stop.tsc", "cvm A on vf 1\nbind\nopen\n");
        Run r = scenario(f.toString());
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().contains("[STOPPED: the action failed and the line has no expectation]"), r.out());
        assertTrue(r.out().contains("line 3  open\n  -> not run"), r.out());
        assertTrue(r.out().contains("scenario FAILED: stopped at line 2 (bind)"), r.out());
    }

    @Test
    void aMissingFileExitsTwoNamingItThroughTheTeeioCommand() {
        Path missing = dir.resolve("nope.tsc");
        Run r = run(TeeioCommand.commandLine(), "scenario", missing.toString());
        assertEquals(2, r.code());
        assertEquals("teeio scenario: " + missing + ": no such file", r.err().strip());
    }

    @Test
    void aParseErrorExitsTwoNamingTheFileAndLineBeforeAnythingRuns() throws Exception {
        Path f = file("bad.tsc", "cvm A on vf 1\nopen\nbind => EBUSYY\n");
        Run r = scenario(f.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("teeio scenario: " + f + ":3: unknown expectation 'EBUSYY'"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void traceNarratesEachStepsEventsBetweenTheLines() throws Exception {
        Path f = file("trace.tsc", "cvm A on vf 1\nopen\nclose\n");
        Run r = scenario(f.toString(), "--trace");
        assertEquals(0, r.code(), r.out());
        String open = r.out().substring(r.out().indexOf("line 2  open"), r.out().indexOf("line 3  close"));
        assertTrue(open.contains("[kernel] vfio-pci 0000:01:00.1: VFIO_DEVICE_BIND_IOMMUFD"), open);
        assertFalse(open.contains("close(vfio cdev)"), open);
        assertFalse(scenario(f.toString()).out().contains("VFIO_DEVICE_BIND_IOMMUFD"), "no events without --trace");
    }

    @Test
    void traceJsonWritesEveryEventAsOneJsonObjectPerLine() throws Exception {
        Path f = file("json.tsc", "cvm A on vf 1\nopen\nclose\n");
        Path json = dir.resolve("trace.jsonl");
        Run r = scenario(f.toString(), "--trace-json", json.toString());
        assertEquals(0, r.code(), r.out());
        List<String> lines = Files.readAllLines(json);
        ObjectMapper mapper = new ObjectMapper();
        for (int i = 0; i < lines.size(); i++) {
            JsonNode n = mapper.readTree(lines.get(i));
            assertEquals(i + 1, n.get("seq").asLong(), lines.get(i));
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"action\":\"VFIO_DEVICE_BIND_IOMMUFD\"")));
    }

    @Test
    void aShippedScenarioPasses() {
        Path shipped = Path.of("..", "scenarios", "host-mmio-probe-while-run.tsc");
        Run r = scenario(shipped.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("scenario PASSED"), r.out());
    }
}
