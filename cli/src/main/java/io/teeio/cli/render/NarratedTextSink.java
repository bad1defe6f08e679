package io.teeio.cli.render;

import io.teeio.trace.TraceEvent;
import io.teeio.trace.TraceSink;
import java.io.PrintWriter;

/** Prints each trace event as one readable line: layer, who to whom, what, and any state change. */
public final class NarratedTextSink implements TraceSink {
    private final PrintWriter out;

    public NarratedTextSink(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void accept(TraceEvent e) {
        out.println(format(e));
        out.flush();
    }

    public static String format(TraceEvent e) {
        StringBuilder b = new StringBuilder();
        b.append(String.format("  %-8s %s", "[" + e.layer() + "]", e.actor()));
        if (!e.peer().isEmpty()) {
            b.append(" -> ").append(e.peer());
        }
        b.append(": ").append(e.action());
        if (e.changesState()) {
            b.append("  (").append(e.stateBefore().isEmpty() ? "-" : e.stateBefore()).append(" => ")
                    .append(e.stateAfter()).append(')');
        }
        if (!e.detail().isEmpty()) {
            b.append(" - ").append(e.detail());
        }
        return b.toString();
    }
}
