package io.teeio.platform.scenario;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.platform.device.EndpointSpec;
import io.teeio.platform.dsm.EmulatedDevice;
import io.teeio.spdm.cert.DeviceIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every file in the top-level scenarios/ folder runs with all its expectations met. */
class ScenarioFilesTest {
    private static ScenarioRunner runner;

    @BeforeAll
    static void oneIdentityForAllMachines() {
        DeviceIdentity identity = EmulatedDevice.generateIdentity(EndpointSpec.builder().build().identity(), 1);
        runner = ScenarioRunner.withIdentity(identity);
    }

    /** The project's scenarios/ folder, found from the module directory the tests run in. */
    static Path scenariosDir() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("scenarios");
            if (Files.isDirectory(candidate) && Files.exists(p.resolve("pom.xml"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no scenarios/ folder above " + Path.of("").toAbsolutePath());
    }

    static List<Path> scenarioFiles() throws IOException {
        try (Stream<Path> files = Files.list(scenariosDir())) {
            return files.filter(f -> f.toString().endsWith(".tsc")).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void theFolderHoldsAtLeastTheSixScenariosTheIssueAsksFor() throws IOException {
        List<String> names = scenarioFiles().stream().map(f -> f.getFileName().toString()).toList();
        for (String required : List.of("region-race-dynamic-on-bind.tsc", "region-race-exclusive-at-open.tsc",
                "reset-while-bound-block.tsc", "reset-while-bound-implicit-unbind.tsc",
                "guest-refuses-tampered-report.tsc", "host-mmio-probe-while-run.tsc")) {
            assertTrue(names.contains(required), required + " missing from " + names);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarioFiles")
    void everyExpectationOfTheScenarioIsMet(Path file) throws Exception {
        Scenario scenario = ScenarioParser.parse(file);
        assertTrue(scenario.expectationCount() > 0, file + " checks nothing");
        assertTrue(Files.readAllLines(file).get(0).startsWith("#"), file + " does not start with its explanation");
        ScenarioResult result = runner.run(scenario);
        assertTrue(result.passed(), () -> result.verdict() + "\n" + describe(result));
        assertFalse(result.events().isEmpty(), "the run left no trace");
    }

    private static String describe(ScenarioResult r) {
        StringBuilder b = new StringBuilder();
        for (StepResult s : r.steps()) {
            b.append(s.step().line()).append(' ').append(s.step().text()).append("  ->  ").append(s.outcome())
                    .append(" [").append(s.tdiState().map(Enum::name).orElse("-")).append("]")
                    .append(s.unmet().map(u -> "  UNMET: " + u).orElse("")).append('\n');
        }
        return b.toString();
    }
}
