package io.teeio.platform.scenario;

/** A scenario file that does not parse: which file, which line, and what is wrong there. */
public final class ScenarioParseException extends Exception {
    private final String source;
    private final int line;
    private final String problem;

    public ScenarioParseException(String source, int line, String problem) {
        super(source + ":" + line + ": " + problem);
        this.source = source;
        this.line = line;
        this.problem = problem;
    }

    public String source() {
        return source;
    }

    /** 1-based line number. */
    public int line() {
        return line;
    }

    public String problem() {
        return problem;
    }
}
