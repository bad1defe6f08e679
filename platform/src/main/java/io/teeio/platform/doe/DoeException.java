package io.teeio.platform.doe;

import java.io.IOException;
import java.util.Objects;

/**
 * A failed DOE exchange. An {@link IOException}, so a {@link DoeMailboxDriver} fits wherever a DOE channel
 * that "fails, times out or is aborted" is expected.
 */
public final class DoeException extends IOException {
    private final DoeError error;

    public DoeException(DoeError error, String message) {
        super(error + ": " + message);
        this.error = Objects.requireNonNull(error);
    }

    public DoeError error() {
        return error;
    }
}
