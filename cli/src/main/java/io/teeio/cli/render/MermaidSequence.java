package io.teeio.cli.render;

import io.teeio.trace.TraceEvent;
import java.util.List;
import java.util.Locale;

/**
 * Renders a run's trace as a Mermaid sequence diagram with five participants: CVM, VMM, kernel, TSM and
 * device. An event becomes an arrow from its layer's participant to its peer's; events without a peer, or
 * within one participant, become notes when they change a state.
 */
public final class MermaidSequence {
    public enum Participant {
        CVM("CVM", "guest CVM"),
        VMM("VMM", "VMM"),
        KERNEL("Kernel", "host kernel"),
        TSM("TSM", "platform TSM"),
        DEVICE("Device", "device DSM");

        final String id;
        final String label;

        Participant(String id, String label) {
            this.id = id;
            this.label = label;
        }

        public String id() {
            return id;
        }
    }

    private MermaidSequence() {
    }

    /** Which participant a layer belongs to. */
    public static Participant ofLayer(String layer) {
        return switch (layer) {
            case "guest" -> Participant.CVM;
            case "vmm" -> Participant.VMM;
            case "kernel" -> Participant.KERNEL;
            case "tsm" -> Participant.TSM;
            default -> Participant.DEVICE; // device, pcie, spdm (the DSM side answers in these layers)
        };
    }

    /** Which participant a peer name denotes, or null when it names none of them. */
    public static Participant ofPeer(String peer) {
        String p = peer.toLowerCase(Locale.ROOT);
        if (p.isEmpty()) {
            return null;
        }
        if (p.contains("cvm") || p.contains("guest")) {
            return Participant.CVM;
        }
        if (p.contains("vmm") || p.contains("qemu")) {
            return Participant.VMM;
        }
        if (p.contains("tsm") || p.contains("requester")) {
            return Participant.TSM;
        }
        if (p.contains("kernel") || p.contains("vfio") || p.contains("iommufd") || p.contains("kvm")
                || p.contains("pci-tsm") || p.contains("host")) {
            return Participant.KERNEL;
        }
        if (p.contains("dsm") || p.contains("device") || p.contains("responder") || p.contains("tdi")) {
            return Participant.DEVICE;
        }
        return null;
    }

    public static String render(List<TraceEvent> events) {
        StringBuilder b = new StringBuilder("sequenceDiagram\n");
        for (Participant p : Participant.values()) {
            b.append("    participant ").append(p.id).append(" as ").append(p.label).append('\n');
        }
        for (TraceEvent e : events) {
            Participant from = ofLayer(e.layer());
            Participant to = ofPeer(e.peer());
            String text = escape(e.action() + (e.changesState() ? " (" + e.stateAfter() + ")" : ""));
            if (to != null && to != from) {
                b.append("    ").append(from.id).append("->>").append(to.id).append(": ").append(text).append('\n');
            } else if (e.changesState()) {
                b.append("    Note over ").append(from.id).append(": ").append(escape(e.actor() + " "
                        + e.action() + ": " + e.stateBefore() + " to " + e.stateAfter())).append('\n');
            }
        }
        return b.toString();
    }

    /** Mermaid message text ends at a newline and treats ';' and '#' specially. */
    static String escape(String s) {
        return s.replace("\n", " ").replace(";", ",").replace("#", "no.");
    }
}
