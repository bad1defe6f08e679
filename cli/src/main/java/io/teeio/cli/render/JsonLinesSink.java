package io.teeio.cli.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.teeio.trace.TraceEvent;
import io.teeio.trace.TraceSink;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON object per trace event, one per line (schema: docs/trace-schema.md): seq, tNanos, layer, actor,
 * peer, action, detail, stateBefore, stateAfter; empty fields are left out.
 */
public final class JsonLinesSink implements TraceSink {
    private final PrintWriter out;
    private final ObjectMapper json = new ObjectMapper();

    public JsonLinesSink(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void accept(TraceEvent e) {
        out.println(toJson(json, e));
        out.flush();
    }

    public static String toJson(ObjectMapper json, TraceEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", e.seq());
        m.put("tNanos", e.atNanos());
        m.put("layer", e.layer());
        m.put("actor", e.actor());
        putIfPresent(m, "peer", e.peer());
        m.put("action", e.action());
        putIfPresent(m, "detail", e.detail());
        putIfPresent(m, "stateBefore", e.stateBefore());
        putIfPresent(m, "stateAfter", e.stateAfter());
        try {
            return json.writeValueAsString(m);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot write a trace event as JSON", ex);
        }
    }

    private static void putIfPresent(Map<String, Object> m, String key, String value) {
        if (!value.isEmpty()) {
            m.put(key, value);
        }
    }
}
