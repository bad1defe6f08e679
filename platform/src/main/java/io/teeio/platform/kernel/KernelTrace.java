package io.teeio.platform.kernel;

import io.teeio.trace.Tracer;

/** Emits the kernel layer's trace events (layer "kernel"); actions are the uAPI / sysfs / kernel call names. */
public final class KernelTrace {
    public static final String LAYER = "kernel";
    public static final KernelTrace NONE = new KernelTrace(Tracer.NONE);

    private final Tracer tracer;

    public KernelTrace(Tracer tracer) {
        this.tracer = tracer;
    }

    public Tracer tracer() {
        return tracer;
    }

    public void event(String actor, String action, String detail) {
        tracer.event(LAYER, actor, "", action, detail);
    }

    public void event(String actor, String peer, String action, String detail) {
        tracer.event(LAYER, actor, peer, action, detail);
    }

    public void transition(String actor, String action, String detail, Object before, Object after) {
        tracer.transition(LAYER, actor, "", action, detail, String.valueOf(before), String.valueOf(after));
    }

    public void transition(String actor, String peer, String action, String detail, Object before, Object after) {
        tracer.transition(LAYER, actor, peer, action, detail, String.valueOf(before), String.valueOf(after));
    }

    /** A refused call: traced without a state change, then thrown. */
    public KernelException fail(String actor, KernelException e) {
        tracer.event(LAYER, actor, "", e.call(), e.errno() + ": " + e.reason());
        return e;
    }

    public KernelException fail(String actor, Errno errno, String call, String reason) {
        return fail(actor, new KernelException(errno, call, reason));
    }
}
