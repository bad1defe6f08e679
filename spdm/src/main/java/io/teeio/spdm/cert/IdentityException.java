package io.teeio.spdm.cert;

import java.nio.file.Path;

/** A certificate or key file that cannot be used: names the file and what is wrong with it, never key bytes. */
public final class IdentityException extends Exception {
    private final transient Path file;
    private final String problem;

    public IdentityException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
        this.problem = problem;
    }

    public IdentityException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
        this.problem = problem;
    }

    public Path file() {
        return file;
    }

    /** The message without the file name. */
    public String problem() {
        return problem;
    }
}
