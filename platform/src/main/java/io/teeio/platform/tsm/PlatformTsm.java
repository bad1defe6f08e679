package io.teeio.platform.tsm;

import io.teeio.pcie.tdisp.InterfaceId;
import io.teeio.pcie.tdisp.TdiState;
import io.teeio.pcie.tdisp.TdispException;
import io.teeio.pcie.vdm.VendorChannelException;
import io.teeio.platform.doe.DoeMailboxDriver;
import io.teeio.platform.fault.FaultInjector;
import io.teeio.platform.pci.RoutingId;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;
import io.teeio.spdm.crypto.SpdmCrypto;
import io.teeio.trace.Tracer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The platform TSM firmware: one SPDM requester per DSM, reaching the DSM only through its DOE mailbox
 * registers ({@link DoeMailboxDriver} over config space), and the root port's IDE keys directly. Its operations
 * are shaped like Linux's PCI/TSM link ops (HOST-STACK.md §2.1), so a kernel model can call them through a thin
 * adapter:
 * <pre>
 * probe(DsmLink)                      pci_tsm_ops.probe: the TSM learns a DSM (function 0) and its root port
 * connect(dsm) / disconnect(dsm)      link ops connect / disconnect (disconnect unbinds every TDI first)
 * bind(tdi, vm, guestRequesterId)     link op bind: LOCK_INTERFACE, the START nonce kept inside the TSM
 * unbind(tdi)                         link op unbind: STOP_INTERFACE (idempotent)
 * guestRequest(vm, tdi, scope, req)   link op guest_req, encoded by {@link GuestRequestCodec}
 * </pre>
 * Every failure is a {@link TsmException} naming the operation, the function and the reason; a failure that
 * costs the SPDM session (device reset, broken transport) leaves the DSM DISCONNECTED with no bindings, so the
 * flow can simply be run again. Every step is traced (layer "tsm"), state changes with the TDI state before and
 * after as the DSM reports it.
 *
 * <p>Calls are serialised (the PCI/TSM core holds the DSM lock around them).
 */
public final class PlatformTsm {
    static final String LAYER = "tsm";

    private final TsmConfig config;
    private final SpdmCrypto crypto;
    private final FaultInjector faults;
    private final Tracer tracer;
    private final Map<RoutingId, DsmConnection> dsms = new LinkedHashMap<>();

    public PlatformTsm(TsmConfig config, SpdmCrypto crypto, FaultInjector faults, Tracer tracer) {
        this.config = Objects.requireNonNull(config);
        this.crypto = Objects.requireNonNull(crypto);
        this.faults = Objects.requireNonNull(faults);
        this.tracer = Objects.requireNonNull(tracer);
    }

    /** Learns a DSM: it must have a DOE mailbox and an IDE capability. */
    public synchronized void probe(DsmLink link) throws TsmException {
        RoutingId dsm = link.dsm();
        if (dsms.containsKey(dsm)) {
            throw new TsmException(TsmOperation.PROBE, dsm, TsmException.Reason.WRONG_STATE, "already probed");
        }
        OptionalInt doe = DoeMailboxDriver.find(link.config());
        if (doe.isEmpty()) {
            throw new TsmException(TsmOperation.PROBE, dsm, TsmException.Reason.NO_SUCH_DEVICE,
                    "no DOE mailbox: the TSM cannot reach a DSM");
        }
        try {
            dsms.put(dsm, new DsmConnection(link, doe.getAsInt(), config, crypto, faults, tracer));
        } catch (TsmFailures.StepFailure e) {
            throw new TsmException(TsmOperation.PROBE, dsm, e.reason, e.getMessage());
        }
        tracer.event(LAYER, "TSM", "DSM " + dsm, "PROBE", "DOE mailbox at 0x" + Integer.toHexString(doe.getAsInt())
                + ", root port " + link.rootPort().routingId());
    }

    public synchronized void connect(RoutingId dsm) throws TsmException {
        dsm(TsmOperation.CONNECT, dsm).connect();
    }

    /**
     * Unbinds every TDI (last bound first), stops the IDE stream, ends the session. Always ends DISCONNECTED; a
     * step that failed on the way is reported afterwards (the first as cause, the others suppressed).
     */
    public synchronized void disconnect(RoutingId dsm) throws TsmException {
        DsmConnection c = dsm(TsmOperation.DISCONNECT, dsm);
        if (c.state() != LinkState.CONNECTED) {
            throw new TsmException(TsmOperation.DISCONNECT, dsm, TsmException.Reason.WRONG_STATE, "not connected");
        }
        Exception problems = new Exception("teardown problems");
        List<TdiBinding> bound = new ArrayList<>(c.bindings());
        for (int i = bound.size() - 1; i >= 0 && c.state() == LinkState.CONNECTED; i--) {
            try {
                unbind(bound.get(i).tdi);
            } catch (TsmException e) {
                problems.addSuppressed(e);
            }
        }
        if (c.state() == LinkState.CONNECTED) {
            c.disconnect(problems);
        }
        Throwable[] seen = problems.getSuppressed();
        if (seen.length > 0) {
            TsmException.Reason reason = seen[0] instanceof TsmException t ? t.reason() : TsmFailures.classify(seen[0]);
            TsmException e = new TsmException(TsmOperation.DISCONNECT, dsm, reason, "disconnected, but not cleanly: "
                    + seen[0].getMessage(), seen[0]);
            for (int i = 1; i < seen.length; i++) {
                e.addSuppressed(seen[i]);
            }
            throw e;
        }
    }

    /**
     * Binds a TDI to a VM: LOCK_INTERFACE (CONFIG_LOCKED), keeping the START nonce. A TDI found not
     * CONFIG_UNLOCKED (left in ERROR by an earlier failure) is stopped first. Binding again to the same VM returns
     * the existing binding; to another VM it is BUSY.
     */
    public synchronized BoundTdi bind(RoutingId tdi, VmId vm, int guestRequesterId) throws TsmException {
        Objects.requireNonNull(vm, "vm");
        if (guestRequesterId < 0 || guestRequesterId > 0xFFFF) {
            throw new TsmException(TsmOperation.BIND, tdi, TsmException.Reason.BAD_REQUEST, "guest requester id 0x"
                    + Integer.toHexString(guestRequesterId) + " is not 16 bits");
        }
        DsmConnection c = owner(TsmOperation.BIND, tdi);
        requireConnected(TsmOperation.BIND, tdi, c);
        TdiBinding existing = c.binding(tdi);
        if (existing != null) {
            if (existing.vm.equals(vm)) {
                tracer.event(LAYER, "TSM", "TDI " + tdi, "BIND", "already bound to " + vm + ": nothing to do");
                return existing.snapshot(c.dsm());
            }
            throw new TsmException(TsmOperation.BIND, tdi, TsmException.Reason.BUSY, "bound to " + existing.vm
                    + ", not " + vm);
        }
        InterfaceId id = interfaceId(tdi);
        byte[] nonce = null;
        try {
            TdiState before = c.tdisp().state(id);
            if (before != TdiState.CONFIG_UNLOCKED) {
                c.tdisp().stop(id);
                tracer.transition(LAYER, "TSM", "TDI " + tdi, "STOP_INTERFACE", "found " + before
                        + " before LOCK (left by an earlier failure): stopped", before.name(),
                        TdiState.CONFIG_UNLOCKED.name());
                before = TdiState.CONFIG_UNLOCKED;
            }
            c.resetPoint("before LOCK_INTERFACE");
            nonce = c.tdisp().lock(id, config.lockFlags(), config.streamId(), 0, 0).toByteArray();
            c.resetPoint("after LOCK_INTERFACE");
            TdiState after = c.tdisp().state(id);
            if (after != TdiState.CONFIG_LOCKED) {
                throw new TsmFailures.StepFailure(TsmException.Reason.TDISP_FAILURE,
                        "LOCK_INTERFACE answered but the TDI reports " + after);
            }
            TdiBinding b = new TdiBinding(tdi, id, vm, guestRequesterId, nonce);
            c.bound(b);
            tracer.transition(LAYER, "TSM", "TDI " + tdi, "BIND", vm + ", guest requester id "
                    + new RoutingId(guestRequesterId) + ", LOCK_INTERFACE " + config.lockFlags() + " on stream "
                    + config.streamId(), before.name(), after.name());
            return b.snapshot(c.dsm());
        } catch (TdispException | VendorChannelException | TsmFailures.StepFailure e) {
            throw failed(TsmOperation.BIND, tdi, c, e, nonce != null);
        } finally {
            if (nonce != null) {
                Arrays.fill(nonce, (byte) 0);
            }
        }
    }

    /** STOP_INTERFACE (CONFIG_UNLOCKED) and forget the binding; unbinding a TDI that is not bound does nothing. */
    public synchronized void unbind(RoutingId tdi) throws TsmException {
        DsmConnection c = owner(TsmOperation.UNBIND, tdi);
        TdiBinding b = c.unbound(tdi);
        if (b == null) {
            tracer.event(LAYER, "TSM", "TDI " + tdi, "UNBIND", "not bound: nothing to do");
            return;
        }
        b.destroyNonce();
        try {
            TdiState before = c.tdisp().state(b.interfaceId);
            c.tdisp().stop(b.interfaceId);
            TdiState after = c.tdisp().state(b.interfaceId);
            if (after != TdiState.CONFIG_UNLOCKED) {
                throw new TsmFailures.StepFailure(TsmException.Reason.TDISP_FAILURE,
                        "STOP_INTERFACE answered but the TDI reports " + after);
            }
            tracer.transition(LAYER, "TSM", "TDI " + tdi, "UNBIND", "STOP_INTERFACE; " + b.vm + " no longer owns it",
                    before.name(), after.name());
        } catch (TdispException | VendorChannelException | TsmFailures.StepFailure e) {
            throw failed(TsmOperation.UNBIND, tdi, c, e, false);
        }
    }

    /** A guest request with its bytes encoded by {@link GuestRequestCodec}; returns the encoded response. */
    public synchronized byte[] guestRequest(VmId caller, RoutingId tdi, GuestRequestScope scope, byte[] request)
            throws TsmException {
        GuestRequest decoded;
        try {
            decoded = GuestRequestCodec.decodeRequest(request);
        } catch (SpdmDecodeException e) {
            throw refuse(tdi, caller, TsmException.Reason.BAD_REQUEST, e.getMessage());
        }
        return GuestRequestCodec.encode(guestRequest(caller, tdi, scope, decoded));
    }

    /**
     * A guest request from {@code caller} about {@code tdi}: served only for the VM the TDI is bound to, and only
     * in the scope its type belongs to (INFO or STATE_CHANGE; debug scopes refused).
     */
    public synchronized GuestResponse guestRequest(VmId caller, RoutingId tdi, GuestRequestScope scope,
            GuestRequest request) throws TsmException {
        if (scope != GuestRequestScope.INFO && scope != GuestRequestScope.STATE_CHANGE) {
            throw refuse(tdi, caller, TsmException.Reason.BAD_REQUEST, "scope " + scope + " is not served");
        }
        if (request.type().scope() != scope) {
            throw refuse(tdi, caller, TsmException.Reason.BAD_REQUEST, request.type() + " belongs to scope "
                    + request.type().scope() + ", asked in " + scope);
        }
        DsmConnection c = owner(TsmOperation.GUEST_REQUEST, tdi);
        TdiBinding b = c.binding(tdi);
        if (b == null) {
            throw refuse(tdi, caller, TsmException.Reason.NOT_BOUND, request.type() + " for a TDI that is not bound");
        }
        if (!b.vm.equals(caller)) {
            throw refuse(tdi, caller, TsmException.Reason.NOT_OWNER, request.type() + " from " + caller
                    + ", but the TDI is bound to " + b.vm);
        }
        try {
            return serve(c, b, request);
        } catch (TdispException | VendorChannelException | TsmFailures.StepFailure e) {
            throw failed(TsmOperation.GUEST_REQUEST, tdi, c, e, false);
        }
    }

    private GuestResponse serve(DsmConnection c, TdiBinding b, GuestRequest request)
            throws TdispException, VendorChannelException, TsmFailures.StepFailure {
        String who = "TDI " + b.tdi;
        if (request instanceof GuestRequest.GetInterfaceReport) {
            Bytes report = c.tdisp().reportBytes(b.interfaceId);
            b.reportServed(report);
            tracer.event(LAYER, "TSM", who, "GUEST_GET_INTERFACE_REPORT", report.length() + " bytes to " + b.vm);
            return new GuestResponse.InterfaceReport(report);
        } else if (request instanceof GuestRequest.GetCertificateChain) {
            tracer.event(LAYER, "TSM", who, "GUEST_GET_CERTIFICATE_CHAIN", "slot 0 chain to " + b.vm);
            return new GuestResponse.CertificateChain(c.chain().chain().concatenatedDer());
        } else if (request instanceof GuestRequest.GetMeasurements) {
            tracer.event(LAYER, "TSM", who, "GUEST_GET_MEASUREMENTS", c.measurements().blocks().size()
                    + " blocks to " + b.vm);
            return new GuestResponse.Measurements(c.measurements().blocks());
        } else if (request instanceof GuestRequest.GetTdiState) {
            TdiState state = c.tdisp().state(b.interfaceId);
            tracer.event(LAYER, "TSM", who, "GUEST_GET_TDI_STATE", state + " to " + b.vm);
            return new GuestResponse.TdiStateReport(state);
        } else if (request instanceof GuestRequest.StartInterface start) {
            return start(c, b, start);
        }
        TdiState before = c.tdisp().state(b.interfaceId);
        c.tdisp().stop(b.interfaceId);
        b.stopped();
        TdiState after = c.tdisp().state(b.interfaceId);
        tracer.transition(LAYER, "TSM", who, "GUEST_STOP", "STOP_INTERFACE for " + b.vm, before.name(), after.name());
        return new GuestResponse.StateChanged(GuestRequestType.STOP_INTERFACE, after);
    }

    private GuestResponse start(DsmConnection c, TdiBinding b, GuestRequest.StartInterface start)
            throws TdispException, VendorChannelException, TsmFailures.StepFailure {
        if (b.state() != BindingState.LOCKED) {
            throw new TsmFailures.StepFailure(TsmException.Reason.WRONG_STATE, "START_INTERFACE needs the TDI as LOCK"
                    + " left it, and it is " + b.state());
        }
        if (!b.validated(start.reportDigest())) {
            throw new TsmFailures.StepFailure(TsmException.Reason.NOT_VALIDATED, "the START names a report digest "
                    + "that matches no interface report served to " + b.vm + " since LOCK_INTERFACE");
        }
        TdiState before = c.tdisp().state(b.interfaceId);
        c.tdisp().start(b.interfaceId, b.nonce());
        b.started();
        TdiState after = c.tdisp().state(b.interfaceId);
        tracer.transition(LAYER, "TSM", "TDI " + b.tdi, "GUEST_START", b.vm + " accepted the TDI: START_INTERFACE"
                + " with the nonce from LOCK", before.name(), after.name());
        return new GuestResponse.StateChanged(GuestRequestType.START_INTERFACE, after);
    }

    /** The TDI state as the DSM reports it now (GET_DEVICE_INTERFACE_STATE over the session). */
    public synchronized TdiState tdiState(RoutingId tdi) throws TsmException {
        DsmConnection c = owner(TsmOperation.TDI_STATE, tdi);
        requireConnected(TsmOperation.TDI_STATE, tdi, c);
        try {
            return c.tdisp().state(interfaceId(tdi));
        } catch (TdispException | VendorChannelException e) {
            throw failed(TsmOperation.TDI_STATE, tdi, c, e, false);
        }
    }

    public synchronized LinkState linkState(RoutingId dsm) throws TsmException {
        return dsm(TsmOperation.LINK_STATE, dsm).state();
    }

    /** The TSM's record of a TDI's binding, if bound. */
    /** What the TSM established with a DSM; empty unless it is connected. */
    public synchronized Optional<LinkInfo> linkInfo(RoutingId dsm) {
        DsmConnection c = dsms.get(dsm);
        return c == null ? Optional.empty() : c.info();
    }

    public synchronized Optional<BoundTdi> binding(RoutingId tdi) {
        for (DsmConnection c : dsms.values()) {
            TdiBinding b = c.binding(tdi);
            if (b != null) {
                return Optional.of(b.snapshot(c.dsm()));
            }
        }
        return Optional.empty();
    }

    // ---- internals ----

    private DsmConnection dsm(TsmOperation op, RoutingId dsm) throws TsmException {
        DsmConnection c = dsms.get(dsm);
        if (c == null) {
            throw new TsmException(op, dsm, TsmException.Reason.NO_SUCH_DEVICE, "no DSM probed at " + dsm);
        }
        return c;
    }

    /** The DSM a TDI is bound through, else the DSM that has the function now. */
    private DsmConnection owner(TsmOperation op, RoutingId tdi) throws TsmException {
        for (DsmConnection c : dsms.values()) {
            if (c.binding(tdi) != null) {
                return c;
            }
        }
        for (DsmConnection c : dsms.values()) {
            if (c.owns(tdi)) {
                return c;
            }
        }
        throw new TsmException(op, tdi, TsmException.Reason.NO_SUCH_DEVICE, "no probed DSM has a function " + tdi
                + " now (a VF exists only while VF Enable is set)");
    }

    private static void requireConnected(TsmOperation op, RoutingId tdi, DsmConnection c) throws TsmException {
        if (c.state() != LinkState.CONNECTED) {
            throw new TsmException(op, tdi, TsmException.Reason.WRONG_STATE, "its DSM " + c.dsm() + " is "
                    + c.state() + ": connect first");
        }
    }

    private TsmException refuse(RoutingId tdi, VmId caller, TsmException.Reason reason, String detail) {
        TsmException e = new TsmException(TsmOperation.GUEST_REQUEST, tdi, reason, detail);
        tracer.event(LAYER, "TSM", caller.toString(), "GUEST_REQUEST_REFUSED", e.getMessage());
        return e;
    }

    /**
     * The failure of a step over the session: when it cost the session the DSM is disconnected (bindings
     * dropped); otherwise a TDI this call had just locked is stopped again, so nothing stays half done.
     */
    private TsmException failed(TsmOperation op, RoutingId tdi, DsmConnection c, Exception cause, boolean locked) {
        boolean reset = c.deviceWasReset();
        boolean lost = reset || c.sessionLost(cause);
        TsmException e = new TsmException(op, tdi, reset ? TsmException.Reason.LINK_LOST
                : TsmFailures.classify(cause, lost), cause.getMessage() + (reset ? DsmConnection.RESET_NOTE : "")
                + (lost ? "; the SPDM session with " + c.dsm() + " is lost: connect again" : ""), cause);
        if (lost) {
            c.linkLost(op + " " + tdi + " failed", e);
        } else if (locked) {
            try {
                c.tdisp().stop(interfaceId(tdi));
            } catch (TdispException | VendorChannelException stop) {
                e.addSuppressed(stop);
            }
        }
        tracer.event(LAYER, "TSM", "TDI " + tdi, op + "_FAILED", e.getMessage());
        return e;
    }

    private static InterfaceId interfaceId(RoutingId function) {
        return new InterfaceId(function.value());
    }
}
