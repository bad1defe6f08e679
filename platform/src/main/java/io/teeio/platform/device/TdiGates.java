package io.teeio.platform.device;

/**
 * Finds the gate of each function, consulted on every access (so TDIs can come and go with the TDISP side's
 * bookkeeping, and VFs with VF Enable, without registration).
 */
@FunctionalInterface
public interface TdiGates {
    TdiGates NONE = function -> TdiGate.NOT_A_TDI;

    TdiGate gateFor(FunctionRef function);
}
