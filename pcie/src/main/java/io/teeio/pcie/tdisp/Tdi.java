package io.teeio.pcie.tdisp;

import io.teeio.pcie.idekm.IdeStreamStatus;
import io.teeio.spdm.codec.Bytes;
import io.teeio.trace.Tracer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/**
 * The DSM's state machine for one TDI (PCIe11 §11.3, PROTOCOLS.md §5.6): CONFIG_UNLOCKED, CONFIG_LOCKED, RUN,
 * ERROR. One method per TDISP request (a request not allowed in the state throws {@link TdiRejectedException}
 * and changes nothing) and one per outside event (those never fail; they move a locked TDI to ERROR, or do
 * nothing when it is not locked).
 *
 * <p>Decisions: STOP_INTERFACE_REQUEST succeeds from every state, CONFIG_UNLOCKED included, as the spec and
 * tee-io-validator expect (spdm-emu answers INVALID_INTERFACE_STATE there). The SPDM session that locked the
 * TDI ending sends it to ERROR from RUN as well as from CONFIG_LOCKED: in RUN its IDE keys die with the session
 * anyway. Requests after LOCK are not required to come over the locking session; START is bound to LOCK by
 * the nonce.
 */
public final class Tdi {
    /** TDISP versions this DSM speaks. */
    public static final List<Integer> VERSIONS = List.of(TdispHeader.VERSION_1_0);

    private final InterfaceId interfaceId;
    private final TdiHost host;
    private final TdispDeviceCapabilities capabilities;
    private final IdeStreamStatus ide;
    private final RandomGenerator random;
    private final Tracer tracer;

    private TdiState state = TdiState.CONFIG_UNLOCKED;
    /** START_INTERFACE_NONCE: exists only while CONFIG_LOCKED. */
    private byte[] nonce;
    /** What LOCK accepted; non-null exactly while CONFIG_LOCKED or RUN. */
    private Binding binding;
    private final TreeSet<Integer> p2pStreams = new TreeSet<>();

    private static final class Binding {
        final int session;
        final LockInterfaceFlags flags;
        final int streamId;
        final OptionalInt idePort;
        TdiReport report;
        Bytes reportBytes;

        Binding(int session, LockInterfaceFlags flags, int streamId, OptionalInt idePort, TdiReport report) {
            this.session = session;
            this.flags = flags;
            this.streamId = streamId;
            this.idePort = idePort;
            setReport(report);
        }

        void setReport(TdiReport r) {
            report = r;
            reportBytes = Bytes.of(TdiReportCodec.encode(r));
        }
    }

    public Tdi(InterfaceId interfaceId, TdiHost host, TdispDeviceCapabilities capabilities, IdeStreamStatus ide,
            RandomGenerator random, Tracer tracer) {
        this.interfaceId = interfaceId;
        this.host = host;
        this.capabilities = capabilities;
        this.ide = ide;
        this.random = random;
        this.tracer = tracer;
    }

    public InterfaceId interfaceId() {
        return interfaceId;
    }

    public synchronized TdiState state() {
        return state;
    }

    /** The SPDM session that locked the TDI, while it is CONFIG_LOCKED or RUN. */
    public synchronized OptionalInt lockingSession() {
        return binding == null ? OptionalInt.empty() : OptionalInt.of(binding.session);
    }

    /** The report LOCK produced, while locked. */
    public synchronized Optional<TdiReport> report() {
        return binding == null ? Optional.empty() : Optional.of(binding.report);
    }

    // ---- TDISP requests ----

    public TdispResponse.TdispVersion getVersion(TdispRequest.GetTdispVersion request) {
        return new TdispResponse.TdispVersion(interfaceId, VERSIONS);
    }

    public TdispResponse.TdispCapabilities getCapabilities(TdispRequest.GetTdispCapabilities request) {
        return TdispResponse.TdispCapabilities.of(interfaceId, capabilities.dsmCaps(),
                capabilities.supportedRequests(), capabilities.supportedLockFlags(), capabilities.devAddrWidth(),
                capabilities.numReqThis(), capabilities.numReqAll());
    }

    /** CONFIG_UNLOCKED -> CONFIG_LOCKED; the only way into CONFIG_LOCKED. */
    public synchronized TdispResponse.LockInterfaceResponse lockInterface(int sessionId,
            TdispRequest.LockInterfaceRequest request) throws TdiRejectedException {
        String action = TdispMessageType.LOCK_INTERFACE_REQUEST.name();
        try {
            requireState(TdiState.CONFIG_UNLOCKED);
            LockInterfaceFlags flags = request.flags();
            if (flags.reservedBits() != 0) {
                throw new TdiRejectedException(TdispErrorCode.INVALID_REQUEST, "reserved FLAGS bits set in " + flags);
            }
            if (!flags.isSubsetOf(capabilities.supportedLockFlags())) {
                throw new TdiRejectedException(TdispErrorCode.INVALID_REQUEST, flags + " asks for more than "
                        + capabilities.supportedLockFlags() + " supported");
            }
            if (request.bindP2pAddressMask() != 0 && !flags.bindP2p()) {
                throw new TdiRejectedException(TdispErrorCode.INVALID_REQUEST,
                        "BIND_P2P_ADDRESS_MASK given without the BIND_P2P flag");
            }
            Optional<String> problem = host.configurationProblem();
            if (problem.isPresent()) {
                throw new TdiRejectedException(TdispErrorCode.INVALID_DEVICE_CONFIGURATION, problem.get());
            }
            OptionalInt port = host.idePortIndex();
            if (port.isPresent()) {
                checkDefaultStream(sessionId, port.getAsInt(), request.defaultStreamId());
            }
            TdiReport report = buildReport(flags, request.mmioReportingOffset());
            byte[] fresh = new byte[TdispRequest.NONCE_LENGTH];
            try {
                random.nextBytes(fresh);
            } catch (RuntimeException e) {
                throw new TdiRejectedException(TdispErrorCode.INSUFFICIENT_ENTROPY,
                        "no random bytes for the nonce: " + e.getMessage());
            }
            binding = new Binding(sessionId, flags, request.defaultStreamId(), port, report);
            nonce = fresh;
            move(TdiState.CONFIG_LOCKED, action, "TSM", "session 0x" + Integer.toHexString(sessionId) + ", "
                    + flags + ", stream " + request.defaultStreamId());
            return new TdispResponse.LockInterfaceResponse(interfaceId, Bytes.of(fresh));
        } catch (TdiRejectedException e) {
            traceRejected(action, e);
            throw e;
        }
    }

    private void checkDefaultStream(int sessionId, int port, int streamId) throws TdiRejectedException {
        if (!ide.isSecure(port, streamId)) {
            throw new TdiRejectedException(TdispErrorCode.INVALID_REQUEST, "IDE stream " + streamId + " on port "
                    + port + " is not Secure (all six sub-stream keys programmed and set to go)");
        }
        OptionalInt keyedBy = ide.keyingSession(port, streamId);
        if (keyedBy.isEmpty() || keyedBy.getAsInt() != sessionId) {
            throw new TdiRejectedException(TdispErrorCode.INVALID_REQUEST, "IDE stream " + streamId
                    + " was not keyed entirely over this SPDM session");
        }
    }

    private TdiReport buildReport(LockInterfaceFlags flags, long offset) throws TdiRejectedException {
        if ((offset & (MmioRange.PAGE_SIZE - 1)) != 0) {
            throw new TdiRejectedException(TdispErrorCode.INVALID_REQUEST, String.format(
                    "MMIO_REPORTING_OFFSET 0x%x is not a whole number of 4 KiB pages", offset));
        }
        List<MmioRange> ranges = new ArrayList<>();
        for (TdiMmioResource res : host.mmioResources()) {
            long start = res.address();
            long last = res.address() + res.length() - 1;
            if (wraps(start, offset) || wraps(last, offset)) {
                throw new TdiRejectedException(TdispErrorCode.INVALID_REQUEST, String.format(
                        "MMIO_REPORTING_OFFSET 0x%x moves range 0x%x..0x%x outside the 64-bit address space",
                        offset, start, last));
            }
            ranges.add(new MmioRange((start + offset) >>> 12, res.pages(), res.attributes(), res.rangeId()));
        }
        int info = host.interfaceInfo() & ~TdiReport.NO_FW_UPDATE
                | (flags.noFwUpdate() ? TdiReport.NO_FW_UPDATE : 0);
        int msix = flags.lockMsix() ? host.msixMessageControl() : 0;
        int tph = flags.lockMsix() ? host.tphControl() : 0;
        TdiReport report = new TdiReport(info, msix, host.lnrControl(), tph, ranges, host.deviceSpecificInfo());
        if (report.encodedLength() > 0xFFFF) {
            throw new TdiRejectedException(TdispErrorCode.INVALID_DEVICE_CONFIGURATION, "a report of "
                    + report.encodedLength() + " bytes cannot be fetched with 16-bit offsets");
        }
        return report;
    }

    /** Whether adding the signed offset to the unsigned address leaves the 64-bit space. */
    private static boolean wraps(long address, long offset) {
        long moved = address + offset;
        return offset >= 0 ? Long.compareUnsigned(moved, address) < 0 : Long.compareUnsigned(moved, address) > 0;
    }

    /** Legal in CONFIG_LOCKED and RUN. */
    public synchronized TdispResponse.DeviceInterfaceReport getDeviceInterfaceReport(
            TdispRequest.GetDeviceInterfaceReport request) throws TdiRejectedException {
        String action = TdispMessageType.GET_DEVICE_INTERFACE_REPORT.name();
        try {
            if (!state.isLocked()) {
                throw wrongState();
            }
            Bytes all = binding.reportBytes;
            if (request.length() == 0) {
                throw new TdiRejectedException(TdispErrorCode.INVALID_REQUEST, "LENGTH 0");
            }
            if (request.offset() >= all.length()) {
                throw new TdiRejectedException(TdispErrorCode.INVALID_REQUEST, "OFFSET " + request.offset()
                        + " is not inside the " + all.length() + "-byte report");
            }
            int portion = Math.min(Math.min(request.length(), all.length() - request.offset()),
                    capabilities.maxReportPortion());
            byte[] raw = all.toByteArray();
            return new TdispResponse.DeviceInterfaceReport(interfaceId, Bytes.of(raw, request.offset(), portion),
                    all.length() - request.offset() - portion);
        } catch (TdiRejectedException e) {
            traceRejected(action, e);
            throw e;
        }
    }

    public synchronized TdispResponse.DeviceInterfaceState getDeviceInterfaceState(
            TdispRequest.GetDeviceInterfaceState request) {
        return new TdispResponse.DeviceInterfaceState(interfaceId, state);
    }

    /** CONFIG_LOCKED -> RUN with the nonce LOCK returned. */
    public synchronized TdispResponse.StartInterfaceResponse startInterface(TdispRequest.StartInterfaceRequest request)
            throws TdiRejectedException {
        String action = TdispMessageType.START_INTERFACE_REQUEST.name();
        try {
            requireState(TdiState.CONFIG_LOCKED);
            if (!MessageDigest.isEqual(nonce, request.startInterfaceNonce().toByteArray())) {
                throw new TdiRejectedException(TdispErrorCode.INVALID_NONCE,
                        "START_INTERFACE_NONCE differs from the one LOCK returned");
            }
            move(TdiState.RUN, action, "TSM", "nonce matched");
            return new TdispResponse.StartInterfaceResponse(interfaceId);
        } catch (TdiRejectedException e) {
            traceRejected(action, e);
            throw e;
        }
    }

    /** Any state -> CONFIG_UNLOCKED: the TDI's work is aborted and its TVM data scrubbed. */
    public synchronized TdispResponse.StopInterfaceResponse stopInterface(TdispRequest.StopInterfaceRequest request) {
        move(TdiState.CONFIG_UNLOCKED, TdispMessageType.STOP_INTERFACE_REQUEST.name(), "TSM", "");
        return new TdispResponse.StopInterfaceResponse(interfaceId);
    }

    /** RUN only; needs BIND_P2P in the LOCK flags. */
    public synchronized TdispResponse.BindP2pStreamResponse bindP2pStream(TdispRequest.BindP2pStreamRequest request)
            throws TdiRejectedException {
        String action = TdispMessageType.BIND_P2P_STREAM_REQUEST.name();
        try {
            requireSupported(TdispMessageType.BIND_P2P_STREAM_REQUEST);
            requireState(TdiState.RUN);
            if (!binding.flags.bindP2p()) {
                throw new TdiRejectedException(TdispErrorCode.INVALID_REQUEST, "the TDI was locked without BIND_P2P");
            }
            if (!p2pStreams.add(request.p2pStreamId())) {
                throw new TdiRejectedException(TdispErrorCode.INVALID_REQUEST, "P2P stream " + request.p2pStreamId()
                        + " is already bound");
            }
            tracer.event("pcie", "DSM", "TSM", action, interfaceId + " P2P stream " + request.p2pStreamId());
            return new TdispResponse.BindP2pStreamResponse(interfaceId);
        } catch (TdiRejectedException e) {
            traceRejected(action, e);
            throw e;
        }
    }

    /** RUN only; the stream must be bound. */
    public synchronized TdispResponse.UnbindP2pStreamResponse unbindP2pStream(
            TdispRequest.UnbindP2pStreamRequest request) throws TdiRejectedException {
        String action = TdispMessageType.UNBIND_P2P_STREAM_REQUEST.name();
        try {
            requireSupported(TdispMessageType.UNBIND_P2P_STREAM_REQUEST);
            requireState(TdiState.RUN);
            if (!p2pStreams.remove(request.p2pStreamId())) {
                throw new TdiRejectedException(TdispErrorCode.INVALID_REQUEST, "P2P stream " + request.p2pStreamId()
                        + " is not bound");
            }
            tracer.event("pcie", "DSM", "TSM", action, interfaceId + " P2P stream " + request.p2pStreamId());
            return new TdispResponse.UnbindP2pStreamResponse(interfaceId);
        } catch (TdiRejectedException e) {
            traceRejected(action, e);
            throw e;
        }
    }

    /**
     * RUN only. The range must be one the report lists (same RANGE_ID, FIRST_PAGE and NUMBER_OF_PAGES) and
     * marked IS_MEM_ATTR_UPDATABLE; only IS_NON_TEE_MEM changes, bits[1:0] must be 0.
     */
    public synchronized TdispResponse.SetMmioAttributeResponse setMmioAttribute(
            TdispRequest.SetMmioAttributeRequest request) throws TdiRejectedException {
        String action = TdispMessageType.SET_MMIO_ATTRIBUTE_REQUEST.name();
        try {
            requireSupported(TdispMessageType.SET_MMIO_ATTRIBUTE_REQUEST);
            requireState(TdiState.RUN);
            MmioRange wanted = request.mmioRange();
            if ((wanted.attributes() & (MmioRange.MSIX_TABLE | MmioRange.MSIX_PBA)) != 0) {
                throw new TdiRejectedException(TdispErrorCode.INVALID_REQUEST, "attribute bits[1:0] must be 0");
            }
            List<MmioRange> ranges = new ArrayList<>(binding.report.mmioRanges());
            int at = -1;
            for (int i = 0; i < ranges.size(); i++) {
                MmioRange r = ranges.get(i);
                if (r.rangeId() == wanted.rangeId() && r.firstPage() == wanted.firstPage()
                        && r.numberOfPages() == wanted.numberOfPages()) {
                    at = i;
                }
            }
            if (at < 0) {
                throw new TdiRejectedException(TdispErrorCode.INVALID_REQUEST, wanted + " is not a reported range");
            }
            if (!ranges.get(at).has(MmioRange.IS_MEM_ATTR_UPDATABLE)) {
                throw new TdiRejectedException(TdispErrorCode.INVALID_REQUEST, ranges.get(at)
                        + " is not IS_MEM_ATTR_UPDATABLE");
            }
            ranges.set(at, ranges.get(at).withNonTeeMemory(wanted.has(MmioRange.IS_NON_TEE_MEM)));
            TdiReport old = binding.report;
            binding.setReport(new TdiReport(old.interfaceInfo(), old.msixMessageControl(), old.lnrControl(),
                    old.tphControl(), ranges, old.deviceSpecificInfo()));
            tracer.event("pcie", "DSM", "TSM", action, interfaceId + " " + ranges.get(at));
            return new TdispResponse.SetMmioAttributeResponse(interfaceId);
        } catch (TdiRejectedException e) {
            traceRejected(action, e);
            throw e;
        }
    }

    // ---- outside events ----

    /** A configuration write affecting the TDI's security (Extended Tag, No Snoop, ARI, PASID, ...). */
    public synchronized void configurationChanged(String what) {
        errorIfLocked("CONFIG_WRITE", what);
    }

    /** A BAR, Expansion ROM BAR or Resizable BAR write. */
    public synchronized void barChanged() {
        errorIfLocked("BAR_CHANGE", "");
    }

    /** Memory Space Enable or Bus Master Enable cleared. */
    public synchronized void memorySpaceOrBusMasterCleared() {
        errorIfLocked("MSE_BME_CLEAR", "");
    }

    public synchronized void requesterIdChanged() {
        errorIfLocked("REQUESTER_ID_CHANGE", "");
    }

    /** FLR of this function (or of its PF, for a VF TDI). */
    public synchronized void functionLevelReset() {
        errorIfLocked("FLR", "");
    }

    /** An IDE stream left Secure; only the TDI's default stream matters. */
    public synchronized void ideStreamLeftSecure(int portIndex, int streamId) {
        if (binding != null && binding.idePort.isPresent() && binding.idePort.getAsInt() == portIndex
                && binding.streamId == streamId) {
            errorIfLocked("IDE_STREAM_INSECURE", "port " + portIndex + " stream " + streamId);
        }
    }

    /** An SPDM session entered termination; only the session that locked the TDI matters. */
    public synchronized void spdmSessionTerminated(int sessionId) {
        if (binding != null && binding.session == sessionId) {
            errorIfLocked("SPDM_SESSION_TERMINATED", "session 0x" + Integer.toHexString(sessionId));
        }
    }

    /** Poisoned TLP, UR/CA or completion timeout on the TDI's request, DSM failure, forced FW update, debug. */
    public synchronized void deviceError(String cause) {
        errorIfLocked("DEVICE_ERROR", cause);
    }

    /** Cold, warm or hot reset: every state -> CONFIG_UNLOCKED, all TDI data scrubbed. */
    public synchronized void conventionalReset() {
        move(TdiState.CONFIG_UNLOCKED, "CONVENTIONAL_RESET", "", "");
    }

    /** The device finished scrubbing after ERROR and returns the TDI to CONFIG_UNLOCKED (optional in TDISP). */
    public synchronized void errorScrubbed() throws TdiRejectedException {
        if (state != TdiState.ERROR) {
            TdiRejectedException e = wrongState();
            traceRejected("ERROR_SCRUBBED", e);
            throw e;
        }
        move(TdiState.CONFIG_UNLOCKED, "ERROR_SCRUBBED", "", "");
    }

    // ---- internals ----

    private void errorIfLocked(String action, String detail) {
        if (state.isLocked()) {
            move(TdiState.ERROR, action, "", detail);
        }
    }

    private void requireState(TdiState required) throws TdiRejectedException {
        if (state != required) {
            throw wrongState();
        }
    }

    private void requireSupported(TdispMessageType request) throws TdiRejectedException {
        if (!capabilities.supports(request)) {
            throw new TdiRejectedException(TdispErrorCode.UNSUPPORTED_REQUEST, request.code(),
                    request + " is not implemented");
        }
    }

    private TdiRejectedException wrongState() {
        return new TdiRejectedException(TdispErrorCode.INVALID_INTERFACE_STATE, "not allowed in " + state);
    }

    /** Changes state; leaving CONFIG_LOCKED destroys the nonce, leaving the locked states drops the binding. */
    private void move(TdiState to, String action, String peer, String detail) {
        TdiState from = state;
        if (to != TdiState.CONFIG_LOCKED && nonce != null) {
            Arrays.fill(nonce, (byte) 0);
            nonce = null;
        }
        if (!to.isLocked()) {
            binding = null;
            p2pStreams.clear();
        }
        state = to;
        tracer.transition("pcie", "DSM", peer, action, detail.isEmpty() ? interfaceId.toString()
                : interfaceId + " " + detail, from.name(), to.name());
    }

    private void traceRejected(String action, TdiRejectedException e) {
        tracer.transition("pcie", "DSM", "TSM", action, interfaceId + " rejected: " + e.getMessage(), state.name(),
                state.name());
    }
}
