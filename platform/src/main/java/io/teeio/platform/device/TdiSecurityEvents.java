package io.teeio.platform.device;

/**
 * Receives the device's security events; the TDISP side turns them into TDI ERROR (or CONFIG_UNLOCKED on a
 * conventional reset). Called synchronously, before the change's side effects (the FLR itself, VFs going away).
 */
@FunctionalInterface
public interface TdiSecurityEvents {
    TdiSecurityEvents NONE = event -> { };

    void securityEvent(SecurityEvent event);
}
