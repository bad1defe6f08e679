package io.teeio.cli.bench;

import java.io.PrintWriter;
import java.util.Locale;

/** Prints the bench figures as aligned rows, each as soon as it is measured. */
final class BenchTable {
    private final PrintWriter out;

    BenchTable(PrintWriter out) {
        this.out = out;
    }

    void section(String title) {
        out.println();
        out.println(title);
        out.flush();
    }

    /** A throughput row: "  P-384        95.1 connections/s  (10.52 ms each)". */
    void rate(String what, Harness.Measurement m, String unit) {
        out.printf(Locale.ROOT, "  %-8s %12.1f %-15s (%.3f ms each)%n", what, m.perSecond(), unit,
                m.millisPerOperation());
        out.flush();
    }

    void providerHeader(String title) {
        section(title);
        out.printf(Locale.ROOT, "  %-9s %-18s %11s   %11s   %8s%n", "", "", "JDK", "BC", "JDK/BC");
        out.flush();
    }

    /** A provider comparison row; the chosen side carries a star. */
    void providers(String what, String operation, Harness.Measurement jdk, boolean jdkChosen, Harness.Measurement bc,
            boolean bcChosen) {
        out.printf(Locale.ROOT, "  %-9s %-18s %11.3f %s %11.3f %s %7.2fx%n", what, operation,
                jdk.millisPerOperation(), jdkChosen ? "*" : " ", bc.millisPerOperation(), bcChosen ? "*" : " ",
                jdk.millisPerOperation() / bc.millisPerOperation());
        out.flush();
    }

    void note(String text) {
        out.println("  " + text);
        out.flush();
    }
}
