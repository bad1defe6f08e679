package io.teeio.platform.device;

import io.teeio.platform.pci.RoutingId;
import java.util.Objects;

/**
 * One security-relevant thing that happened to a function whose TDI was locked (or, for a conventional
 * reset, not CONFIG_UNLOCKED).
 *
 * @param function  which function's TDI it hits
 * @param requester its routing id when it happened (before the change, for REQUESTER_ID_CHANGE)
 * @param register  the config register written, or empty when not a config write
 * @param reason    in words, for the trace and the TDI's ERROR record
 */
public record SecurityEvent(FunctionRef function, RoutingId requester, SecurityEventKind kind, String register,
        TdiSecurityState stateBefore, String reason) {
    public SecurityEvent {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(register, "register");
        Objects.requireNonNull(stateBefore, "stateBefore");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return kind + " on " + function + " (" + requester + ", TDI " + stateBefore + "): " + reason;
    }
}
