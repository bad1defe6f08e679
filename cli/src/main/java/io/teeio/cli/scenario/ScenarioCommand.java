package io.teeio.cli.scenario;

import io.teeio.cli.render.JsonLinesSink;
import io.teeio.cli.render.NarratedTextSink;
import io.teeio.platform.scenario.Scenario;
import io.teeio.platform.scenario.ScenarioParseException;
import io.teeio.platform.scenario.ScenarioParser;
import io.teeio.platform.scenario.ScenarioResult;
import io.teeio.platform.scenario.ScenarioRunner;
import io.teeio.platform.scenario.Step;
import io.teeio.platform.scenario.StepResult;
import io.teeio.trace.TraceEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code teeio scenario FILE}: parses the file, runs it on a fresh emulated machine and prints each line's
 * outcome, then whether every expectation was met. Exit 0 when they all were, 1 when one was not or the run
 * stopped, 2 when the file is missing or does not parse.
 */
@Command(name = "scenario", mixinStandardHelpOptions = true,
        description = {"Run a scenario file (docs/scenarios.md) against the emulated platform and check each "
                + "line's expectation.", "Exit status: 0 all expectations met, 1 one was not (or the run stopped), "
                        + "2 missing file or parse error."})
public final class ScenarioCommand implements Callable<Integer> {
    static final int PASSED = 0;
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;

    @Parameters(index = "0", paramLabel = "FILE", description = "The scenario file.")
    Path file;

    @Option(names = "--trace", description = "Narrate the trace events of each step between the lines.")
    boolean trace;

    @Option(names = "--trace-json", paramLabel = "FILE",
            description = "Write every trace event as JSON lines (docs/trace-schema.md) to FILE.")
    Path traceJson;

    @Spec
    CommandSpec spec;

    private final ScenarioRunner runner;

    public ScenarioCommand() {
        this(ScenarioRunner.generatingIdentities());
    }

    /** With a given runner (tests share one device identity across runs). */
    public ScenarioCommand(ScenarioRunner runner) {
        this.runner = runner;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Scenario scenario;
        try {
            scenario = ScenarioParser.parse(file);
        } catch (NoSuchFileException e) {
            err.println("teeio scenario: " + file + ": no such file");
            err.flush();
            return BAD_INPUT;
        } catch (IOException e) {
            err.println("teeio scenario: cannot read " + file + ": " + e.getMessage());
            err.flush();
            return BAD_INPUT;
        } catch (ScenarioParseException e) {
            err.println("teeio scenario: " + e.getMessage());
            err.flush();
            return BAD_INPUT;
        }
        out.println("scenario " + file + ": " + scenario.steps().size() + " steps, "
                + scenario.expectationCount() + " expectation(s)");
        out.println("setup: " + scenario.setup().describe());
        ScenarioResult result = runner.run(scenario);
        if (trace) {
            narrate(out, result.setupEvents());
        }
        for (StepResult s : result.steps()) {
            print(out, s);
        }
        for (Step notRun : scenario.steps().subList(result.steps().size(), scenario.steps().size())) {
            out.println("line " + notRun.line() + "  " + notRun.text());
            out.println("  -> not run");
        }
        if (traceJson != null) {
            try {
                writeJson(result.events());
            } catch (IOException e) {
                err.println("teeio scenario: cannot write the trace to " + traceJson + ": " + e.getMessage());
                err.flush();
                return BAD_INPUT;
            }
        }
        out.println(result.verdict());
        out.flush();
        return result.passed() ? PASSED : FAILED;
    }

    private void print(PrintWriter out, StepResult s) {
        out.println("line " + s.step().line() + "  " + s.step().text());
        if (trace) {
            narrate(out, s.events());
        }
        String verdict;
        if (s.stops()) {
            verdict = "   [STOPPED: the action failed and the line has no expectation]";
        } else if (!s.met()) {
            verdict = "   [UNMET: " + s.unmet().get() + "]";
        } else {
            verdict = s.step().expectation().isPresent() ? "   [met]" : "";
        }
        out.println("  -> " + s.outcome() + s.tdiState().map(t -> "; TDI " + t).orElse("") + verdict);
    }

    private static void narrate(PrintWriter out, List<TraceEvent> events) {
        events.forEach(e -> out.println("  " + NarratedTextSink.format(e)));
    }

    private void writeJson(List<TraceEvent> events) throws IOException {
        try (Writer w = Files.newBufferedWriter(traceJson, StandardCharsets.UTF_8);
                PrintWriter pw = new PrintWriter(w)) {
            JsonLinesSink sink = new JsonLinesSink(pw);
            events.forEach(sink::accept);
            if (pw.checkError()) {
                throw new IOException("write failed");
            }
        }
    }
}
