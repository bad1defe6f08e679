package io.teeio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoCommandTest {
    private static String run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = TeeioCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        int code = cl.execute(args);
        assertEquals(0, code, out.toString());
        return out.toString();
    }

    @Test
    void demoNarratesTheAuthenticationAndPrintsTheSummary() {
        String out = run("demo", "--seed", "7");
        assertTrue(out.contains("CHALLENGE_AUTH"), out);
        assertTrue(out.contains("SPDM version          1.2"), out);
        assertTrue(out.contains("slot 0 leaf subject"), out);
        assertTrue(out.contains("signature verified"), out);
    }

    @Test
    void quietDemoPrintsOnlyTheSummaryLines() {
        String out = run("demo", "--quiet");
        assertTrue(out.contains("Summary"));
        assertTrue(!out.contains("[spdm]"), out);
    }
}
