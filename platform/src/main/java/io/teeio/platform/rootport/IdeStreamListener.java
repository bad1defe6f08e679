package io.teeio.platform.rootport;

import io.teeio.platform.pci.IdeStreamState;

/**
 * Told when a root port stream changes state; a Secure stream going Insecure sends the TDIs bound to it to
 * ERROR (PROTOCOLS.md §5.6), which the TSM side arranges.
 */
@FunctionalInterface
public interface IdeStreamListener {
    IdeStreamListener NONE = (streamId, before, after, cause) -> { };

    void streamStateChanged(int streamId, IdeStreamState before, IdeStreamState after, String cause);
}
