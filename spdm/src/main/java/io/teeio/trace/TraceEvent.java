package io.teeio.trace;

import java.util.Objects;

/**
 * One structured thing that happened: which layer, who did it, to whom, what, and the state it moved
 * (if any). Rendered by the CLI as text, JSON lines or a sequence diagram. Never carries key material.
 *
 * @param seq         position in the run, from 1
 * @param atNanos     time from the run's {@link TimeSource}
 * @param layer       the subsystem: spdm, pcie, device, tsm, kernel, vmm, guest, cli
 * @param actor       who acted (e.g. "requester", "DSM", "vfio-pci 0000:01:00.1")
 * @param peer        to whom, or empty
 * @param action      what, in the field's own words (e.g. "LOCK_INTERFACE_REQUEST")
 * @param detail      a human sentence, or empty
 * @param stateBefore state before the event, or empty when nothing changed
 * @param stateAfter  state after the event, or empty when nothing changed
 */
public record TraceEvent(long seq, long atNanos, String layer, String actor, String peer, String action,
        String detail, String stateBefore, String stateAfter) {

    public TraceEvent {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(actor, "actor");
        peer = peer == null ? "" : peer;
        Objects.requireNonNull(action, "action");
        detail = detail == null ? "" : detail;
        stateBefore = stateBefore == null ? "" : stateBefore;
        stateAfter = stateAfter == null ? "" : stateAfter;
    }

    public boolean changesState() {
        return !stateAfter.isEmpty() && !stateAfter.equals(stateBefore);
    }
}
