package io.teeio.platform.pci;

/**
 * Observes every software write to one function's config space, after it took effect, so that the
 * device and the security side can decide what a write means.
 */
@FunctionalInterface
public interface ConfigWriteListener {
    ConfigWriteListener NONE = w -> { };

    void written(ConfigWrite write);
}
