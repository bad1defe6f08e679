package io.teeio.platform.device;

import io.teeio.platform.pci.ConfigWrite;

/**
 * Observes every software config write to any function of an endpoint, after it took effect and after the
 * device raised its own security events: (function, register, old value, new value) for whoever wants to
 * judge writes by other rules (the kernel model's bookkeeping, a checker).
 */
@FunctionalInterface
public interface FunctionConfigListener {
    FunctionConfigListener NONE = (function, write) -> { };

    void configWritten(FunctionRef function, ConfigWrite write);
}
