package io.teeio.platform.kernel.pcitsm;

import io.teeio.platform.kernel.Bdf;
import io.teeio.platform.kernel.Errno;
import io.teeio.platform.kernel.KernelException;
import io.teeio.platform.kernel.KernelTrace;
import io.teeio.platform.kernel.TdispState;
import io.teeio.platform.kernel.VmId;
import io.teeio.platform.kernel.pci.PciCore;
import io.teeio.platform.kernel.pci.PciDev;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PCI/TSM core (drivers/pci/tsm.c, Linux 6.19): TSM registration, per-device connect/disconnect through the
 * DSM (function 0) covering its dependent functions, and the TDI-level bind/unbind/guest_req that VFIO and
 * iommufd call. Errnos follow HOST-STACK.md §6.
 */
public final class PciTsmCore {
    public static final String ACTOR = "pci-tsm";
    private static final Pattern TSM_NAME = Pattern.compile("tsm(\\d+)\n?");

    private final PciCore pci;
    private final KernelTrace trace;
    private final TreeMap<Integer, TsmDev> tsms = new TreeMap<>();
    private final TreeMap<Bdf, Context> contexts = new TreeMap<>();
    private int nextTsmId;

    /** {@code struct pci_tsm}: the TSM a function is set up with, its DSM, and the bound TDI if any. */
    private static final class Context {
        final TsmDev tsm;
        final Bdf dsm;
        PciTdi tdi;

        Context(TsmDev tsm, Bdf dsm) {
            this.tsm = tsm;
            this.dsm = dsm;
        }
    }

    public PciTsmCore(PciCore pci, KernelTrace trace) {
        this.pci = pci;
        this.trace = trace;
    }

    // ---- registration ------------------------------------------------------------------------------------------

    /** tsm_register() + pci_tsm_register(): exactly one op group, else EINVAL. */
    public TsmDev register(PciTsmOps ops) {
        String call = "pci_tsm_register";
        if (ops == null || (ops.link() == null) == (ops.devsec() == null)) {
            throw trace.fail(ACTOR, Errno.EINVAL, call, ops == null ? "no ops"
                    : ops.link() == null ? "neither link nor devsec ops" : "both link and devsec ops");
        }
        TsmDev tsm = new TsmDev(nextTsmId++, ops);
        tsms.put(tsm.id(), tsm);
        trace.transition(ACTOR, call, ops.link() != null ? "link TSM" : "devsec TSM", "absent", tsm.name());
        return tsm;
    }

    /** pci_tsm_unregister(): every context made with this TSM is torn down, last device first. */
    public void unregister(TsmDev tsm) {
        if (tsms.remove(tsm.id()) == null) {
            throw new IllegalArgumentException(tsm + " is not registered");
        }
        for (Bdf bdf : new ArrayList<>(contexts.descendingKeySet())) {
            Context ctx = contexts.get(bdf);
            if (ctx == null || ctx.tsm != tsm) {
                continue;
            }
            PciDev pdev = pci.device(bdf);
            if (ctx.dsm.equals(bdf)) {
                disconnectLink(pdev, "TSM unregistered");
            } else {
                unbindForTeardown(pdev, "TSM unregistered");
                removeContext(pdev);
            }
        }
        trace.transition(ACTOR, "pci_tsm_unregister", "", tsm.name(), "absent");
    }

    public List<TsmDev> tsms() {
        return List.copyOf(tsms.values());
    }

    private boolean anyLinkTsm() {
        return tsms.values().stream().anyMatch(TsmDev::isLink);
    }

    /** is_pci_tsm_pf0(): a physical function 0 with IDE or TEE, i.e. one that can host a DSM. */
    public static boolean isPf0(PciDev pdev) {
        return !pdev.isVirtfn() && pdev.bdf().function() == 0 && (pdev.hw().hasIde() || pdev.hw().hasTee());
    }

    // ---- sysfs -------------------------------------------------------------------------------------------------

    /** The function's tsm/ attributes (and authenticated). */
    public PciTsmSysfs sysfs(Bdf bdf) {
        return new PciTsmSysfs(this, pci.device(bdf));
    }

    boolean attributeVisible(PciDev pdev, String attr) {
        if (!anyLinkTsm()) {
            return false;
        }
        Context ctx = contexts.get(pdev.bdf());
        boolean dsmHasTee = ctx != null && pci.device(ctx.dsm).hw().hasTee();
        return switch (attr) {
            case "connect", "disconnect" -> isPf0(pdev);
            case "dsm" -> isPf0(pdev) || dsmHasTee;
            case "bound" -> (isPf0(pdev) && pdev.hw().hasTee()) || dsmHasTee;
            case "authenticated" -> isPf0(pdev) || ctx != null;
            default -> false;
        };
    }

    String readConnect(PciDev pdev) {
        Context ctx = contexts.get(pdev.bdf());
        return ctx == null ? "\n" : ctx.tsm.name() + "\n";
    }

    String readDsm(PciDev pdev) {
        Context ctx = contexts.get(pdev.bdf());
        return ctx == null ? "\n" : ctx.dsm + "\n";
    }

    String readBound(PciDev pdev) {
        Context ctx = contexts.get(pdev.bdf());
        return ctx == null || ctx.tdi == null ? "\n" : ctx.tsm.name() + "\n";
    }

    /** connect_store(). */
    void connect(PciDev pdev, String buf) {
        String call = PciTsmSysfs.path(pdev.bdf(), "connect");
        Matcher m = TSM_NAME.matcher(buf);
        if (!m.matches()) {
            throw trace.fail(ACTOR, Errno.EINVAL, call, "'" + buf.strip() + "' is not tsmN");
        }
        if (contexts.containsKey(pdev.bdf())) {
            throw trace.fail(ACTOR, Errno.EBUSY, call, pdev + " already connected to " + contexts.get(pdev.bdf()).tsm);
        }
        TsmDev tsm = tsms.get(Integer.parseInt(m.group(1)));
        if (tsm == null || !tsm.isLink()) {
            throw trace.fail(ACTOR, Errno.ENXIO, call, tsm == null ? "no tsm" + m.group(1) : tsm + " is not a link TSM");
        }
        if (!pdev.hw().hasCmaDoe()) {
            throw trace.fail(ACTOR, Errno.ENODEV, call, pdev + " has no CMA DOE mailbox");
        }
        PciTsmLinkOps ops = tsm.ops().link();
        try {
            ops.probe(tsm, pdev);
        } catch (KernelException e) {
            throw trace.fail(ACTOR, Errno.ENXIO, call, tsm + " probe of " + pdev + " failed: " + e.getMessage());
        }
        try {
            ops.connect(pdev);
        } catch (KernelException e) {
            ops.remove(pdev);
            throw trace.fail(ACTOR, e.as(call));
        }
        contexts.put(pdev.bdf(), new Context(tsm, pdev.bdf()));
        trace.transition(ACTOR, pdev.actor(), "tsm/connect", tsm.name() + ": SPDM session and IDE up", "",
                tsm.name());
        if (pdev.hw().hasTee()) {
            for (PciDev fn : pci.dependentFunctions(pdev)) {
                try {
                    ops.probe(tsm, fn);
                    contexts.put(fn.bdf(), new Context(tsm, pdev.bdf()));
                    trace.transition(ACTOR, fn.actor(), "probe", "dependent function of DSM " + pdev, "", tsm.name());
                } catch (KernelException e) {
                    trace.event(ACTOR, fn.actor(), "probe", "no TSM context: " + e.getMessage());
                }
            }
        }
    }

    /** disconnect_store(). */
    void disconnect(PciDev pdev, String buf) {
        String call = PciTsmSysfs.path(pdev.bdf(), "disconnect");
        Context ctx = contexts.get(pdev.bdf());
        if (ctx == null) {
            throw trace.fail(ACTOR, Errno.ENXIO, call, pdev + " is not connected");
        }
        String name = buf.endsWith("\n") ? buf.substring(0, buf.length() - 1) : buf;
        if (!name.equals(ctx.tsm.name())) {
            throw trace.fail(ACTOR, Errno.EINVAL, call, "'" + name + "' is not " + ctx.tsm.name());
        }
        disconnectLink(pdev, "tsm/disconnect");
    }

    /** pci_tsm_disconnect(): unbind every TDI (dependents last-first, then the DSM), remove contexts, disconnect. */
    private void disconnectLink(PciDev dsm, String why) {
        Context ctx = contexts.get(dsm.bdf());
        List<PciDev> dependents = new ArrayList<>(pci.dependentFunctions(dsm));
        Collections.reverse(dependents);
        for (PciDev fn : dependents) {
            unbindForTeardown(fn, why);
        }
        unbindForTeardown(dsm, why);
        for (PciDev fn : dependents) {
            removeContext(fn);
        }
        ctx.tsm.ops().link().disconnect(dsm);
        contexts.remove(dsm.bdf());
        ctx.tsm.ops().link().remove(dsm);
        trace.transition(ACTOR, dsm.actor(), "tsm/disconnect", why, ctx.tsm.name(), "");
    }

    private void removeContext(PciDev fn) {
        Context c = contexts.remove(fn.bdf());
        if (c != null) {
            c.tsm.ops().link().remove(fn);
            trace.transition(ACTOR, fn.actor(), "remove", "TSM context", c.tsm.name(), "");
        }
    }

    /** Unbinds a TDI the core has to take down itself, letting the owning driver unbind it first. */
    private void unbindForTeardown(PciDev pdev, String why) {
        Context ctx = contexts.get(pdev.bdf());
        if (ctx == null || ctx.tdi == null) {
            return;
        }
        pci.driverOf(pdev).filter(PciTsmDriverHook.class::isInstance).map(PciTsmDriverHook.class::cast)
                .ifPresent(h -> h.tsmUnbindRequested(pdev, why));
        unbind(pdev);
    }

    // ---- TDI level ---------------------------------------------------------------------------------------------

    /** pci_tsm_bind(): EINVAL without kvm or context, EBUSY for another VM, the same TDI again for the same VM. */
    public PciTdi bind(PciDev pdev, VmId kvm, int tdiId) {
        String call = "pci_tsm_bind";
        if (kvm == null) {
            throw trace.fail(ACTOR, Errno.EINVAL, call, "no kvm");
        }
        Context ctx = contexts.get(pdev.bdf());
        if (ctx == null) {
            throw trace.fail(ACTOR, Errno.EINVAL, call, pdev + " is not connected to a TSM");
        }
        if (!ctx.tsm.isLink()) {
            throw trace.fail(ACTOR, Errno.ENXIO, call, ctx.tsm + " is not a link TSM");
        }
        if (ctx.tdi != null) {
            if (!ctx.tdi.kvm().equals(kvm)) {
                throw trace.fail(ACTOR, Errno.EBUSY, call, pdev + " is bound to " + ctx.tdi.kvm());
            }
            return ctx.tdi;
        }
        PciTsmLinkOps ops = ctx.tsm.ops().link();
        PciTdi tdi;
        try {
            tdi = ops.bind(pdev, kvm, tdiId);
        } catch (KernelException e) {
            throw trace.fail(ACTOR, e.as(call));
        }
        ctx.tdi = tdi;
        trace.transition(ACTOR, pdev.actor(), call, kvm + " tdi_id 0x" + Integer.toHexString(tdiId),
                TdispState.CONFIG_UNLOCKED, ops.tdiState(tdi));
        return tdi;
    }

    /** pci_tsm_unbind(): always succeeds; nothing to do when not bound. */
    public void unbind(PciDev pdev) {
        Context ctx = contexts.get(pdev.bdf());
        if (ctx == null || ctx.tdi == null) {
            return;
        }
        PciTsmLinkOps ops = ctx.tsm.ops().link();
        TdispState before = ops.tdiState(ctx.tdi);
        ops.unbind(ctx.tdi);
        PciTdi tdi = ctx.tdi;
        ctx.tdi = null;
        trace.transition(ACTOR, pdev.actor(), "pci_tsm_unbind", tdi.kvm().toString(), before,
                ops.tdiState(tdi));
    }

    /**
     * pci_tsm_guest_req(): scope above STATE_CHANGE is EINVAL; no context or no bound TDI is ENXIO. The residue
     * is the unused part of the response buffer.
     */
    public GuestReqResult guestReq(PciDev pdev, int scope, byte[] request, int responseCapacity) {
        String call = "pci_tsm_guest_req";
        if (scope < 0 || scope > PciTsmReqScope.STATE_CHANGE.value()) {
            throw trace.fail(ACTOR, Errno.EINVAL, call, "scope " + scope + " is not INFO or STATE_CHANGE");
        }
        if (responseCapacity < 0) {
            throw trace.fail(ACTOR, Errno.EINVAL, call, "negative response length");
        }
        Context ctx = contexts.get(pdev.bdf());
        if (ctx == null || !ctx.tsm.isLink()) {
            throw trace.fail(ACTOR, Errno.ENXIO, call, pdev + " has no link TSM context");
        }
        if (ctx.tdi == null) {
            throw trace.fail(ACTOR, Errno.ENXIO, call, pdev + " has no bound TDI");
        }
        PciTsmLinkOps ops = ctx.tsm.ops().link();
        TdispState before = ops.tdiState(ctx.tdi);
        TsmGuestResponse resp;
        try {
            resp = ops.guestReq(ctx.tdi, PciTsmReqScope.of(scope).orElseThrow(), request.clone(), responseCapacity);
        } catch (KernelException e) {
            throw trace.fail(ACTOR, e.as(call));
        }
        if (resp.length() > responseCapacity) {
            throw trace.fail(ACTOR, Errno.EIO, call, ctx.tsm + " answered " + resp.length() + " bytes into a "
                    + responseCapacity + "-byte buffer");
        }
        trace.transition(ACTOR, pdev.actor(), call, PciTsmReqScope.of(scope).orElseThrow() + ", tsm_code "
                + resp.tsmCode(), before, ops.tdiState(ctx.tdi));
        return new GuestReqResult(resp, responseCapacity - resp.length());
    }

    // ---- queries -----------------------------------------------------------------------------------------------

    public boolean hasContext(PciDev pdev) {
        return contexts.containsKey(pdev.bdf());
    }

    public Optional<PciTdi> tdi(PciDev pdev) {
        return Optional.ofNullable(contexts.get(pdev.bdf())).map(c -> c.tdi);
    }

    /** The bound TDI's TDISP state from its TSM, or empty when the function has no bound TDI. */
    public Optional<TdispState> tdiState(PciDev pdev) {
        Context ctx = contexts.get(pdev.bdf());
        if (ctx == null || ctx.tdi == null) {
            return Optional.empty();
        }
        return Optional.of(ctx.tsm.ops().link().tdiState(ctx.tdi));
    }

    public PciTsmSnapshot snapshot() {
        List<PciTsmSnapshot.Context> cs = new ArrayList<>();
        contexts.forEach((bdf, c) -> cs.add(new PciTsmSnapshot.Context(bdf, c.tsm.name(), c.dsm,
                Optional.ofNullable(c.tdi))));
        return new PciTsmSnapshot(tsms.values().stream().map(TsmDev::name).toList(), cs);
    }
}
