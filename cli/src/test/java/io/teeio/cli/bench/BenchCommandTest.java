package io.teeio.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.cli.TeeioCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code teeio bench --quick} with a tiny budget: every row of the table is there (no timing is asserted). */
class BenchCommandTest {
    private static String table;

    @BeforeAll
    static void runQuickBench() {
        StringWriter out = new StringWriter();
        CommandLine cl = TeeioCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        int code = cl.execute("bench", "--quick", "--seconds", "0.005");
        table = out.toString();
        assertEquals(0, code, table);
    }

    private static void assertRow(String regex) {
        assertTrue(Pattern.compile(regex, Pattern.MULTILINE).matcher(table).find(), "no row " + regex + " in\n" + table);
    }

    @Test
    void connectionsPerSecondForP256AndP384() {
        assertRow("^  P-256 +[0-9.]+ connections/s");
        assertRow("^  P-384 +[0-9.]+ connections/s");
    }

    @Test
    void securedRoundTripsPerSecondFor64BytesAnd4KiB() {
        assertRow("^  64 B +[0-9.]+ round trips/s");
        assertRow("^  4 KiB +[0-9.]+ round trips/s");
    }

    @Test
    void everyAsymmetricOperationOnEveryCurveHasJdkAndBouncyCastleMilliseconds() {
        for (String curve : new String[] {"P-256", "P-384", "P-521"}) {
            for (String op : new String[] {"ECDSA sign", "ECDSA verify", "ECDH agreement", "EC key generation"}) {
                assertRow("^  " + curve + " +" + op + " +[0-9.]+ [* ] +[0-9.]+ [* ] +[0-9.]+x$");
            }
        }
    }

    @Test
    void eachAsymmetricRowMarksExactlyOneProviderAsTheDefault() {
        table.lines().filter(l -> l.matches("^  P-\\d+ .*x$")).forEach(l ->
                assertEquals(1, l.chars().filter(c -> c == '*').count(), l));
    }

    @Test
    void quickLeavesRsaOutAndSaysSo() {
        assertRow("RSA-3072: not measured with --quick");
    }

    @Test
    void aBudgetOfZeroSecondsIsRefusedNamingTheOption() {
        StringWriter err = new StringWriter();
        CommandLine cl = TeeioCommand.commandLine();
        cl.setErr(new PrintWriter(err));
        assertEquals(2, cl.execute("bench", "--seconds", "0"));
        assertTrue(err.toString().contains("--seconds must be more than 0"), err.toString());
    }
}
