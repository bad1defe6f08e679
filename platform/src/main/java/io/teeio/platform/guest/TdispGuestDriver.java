package io.teeio.platform.guest;

import io.teeio.pcie.tdisp.TdiReport;
import io.teeio.pcie.tdisp.TdiReportCodec;
import io.teeio.pcie.tdisp.TdiState;
import io.teeio.platform.device.MmioOutcome;
import io.teeio.platform.tsm.GuestRequest;
import io.teeio.platform.tsm.GuestRequestCodec;
import io.teeio.platform.tsm.GuestResponse;
import io.teeio.spdm.cert.SpdmCertChain;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;
import io.teeio.trace.Tracer;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A CVM's TDISP-aware driver: lock, fetch the interface report, certificate chain and measurements through
 * guest requests, check them against the policy, accept (START) or refuse, then use the device through
 * private MMIO and DMA to private memory, and unlock.
 */
public final class TdispGuestDriver {
    private static final String LAYER = "guest";
    private static final int INFO = 0;
    private static final int STATE_CHANGE = 1;

    private final String name;
    private final GuestHostInterface host;
    private final GuestPolicy policy;
    private final Supplier<Instant> clock;
    private final Tracer tracer;
    private GuestTdiState state = GuestTdiState.UNLOCKED;
    private Evidence evidence;
    private Verdict verdict;

    public TdispGuestDriver(String name, GuestHostInterface host, GuestPolicy policy, Supplier<Instant> clock,
            Tracer tracer) {
        this.name = name;
        this.host = host;
        this.policy = policy;
        this.clock = clock;
        this.tracer = tracer;
    }

    public GuestTdiState state() {
        return state;
    }

    public Evidence evidence() {
        return evidence;
    }

    public Verdict verdict() {
        return verdict;
    }

    private void move(String action, String detail, GuestTdiState to) {
        tracer.transition(LAYER, name, "VMM", action, detail, state.name(), to.name());
        state = to;
    }

    private void require(GuestTdiState expected, String step) throws GuestException {
        if (state != expected) {
            throw new GuestException(step, "the TDI is " + state + " in the guest, not " + expected);
        }
    }

    /** DESIGN.md step 4: ask for the TDI to be locked. */
    public void lock() throws GuestException {
        require(GuestTdiState.UNLOCKED, "lock");
        host.requestLock();
        move("tsm/lock", "the host bound the TDI: CONFIG_LOCKED", GuestTdiState.LOCKED);
    }

    private GuestResponse ask(String step, int scope, GuestRequest request) throws GuestException {
        byte[] response = host.guestRequest(scope, GuestRequestCodec.encode(request));
        try {
            return GuestRequestCodec.decodeResponse(response);
        } catch (SpdmDecodeException e) {
            throw new GuestException(step, "malformed answer from the TSM: " + e.getMessage(), e);
        }
    }

    /** DESIGN.md step 5, first half: fetch the evidence and check it against the policy. */
    public Verdict attest() throws GuestException {
        require(GuestTdiState.LOCKED, "attest");
        Bytes reportBytes = ((GuestResponse.InterfaceReport) ask("report", INFO,
                new GuestRequest.GetInterfaceReport())).report();
        Bytes chainDer = ((GuestResponse.CertificateChain) ask("certificates", INFO,
                new GuestRequest.GetCertificateChain())).certificates();
        var blocks = ((GuestResponse.Measurements) ask("measurements", INFO, new GuestRequest.GetMeasurements()))
                .blocks();
        try {
            TdiReport report = TdiReportCodec.decode(reportBytes.toByteArray());
            SpdmCertChain chain = SpdmCertChain.ofDer(chainDer.toByteArray());
            evidence = new Evidence(reportBytes, report, chain, blocks);
        } catch (SpdmDecodeException e) {
            throw new GuestException("attest", "evidence does not decode: " + e.getMessage(), e);
        }
        verdict = EvidenceVerifier.verify(policy, evidence, clock.get());
        tracer.event(LAYER, name, "", "VALIDATE", verdict.accepted()
                ? "report (" + evidence.report().mmioRanges().size() + " MMIO ranges), certificate chain and "
                        + blocks.size() + " measurements match the policy"
                : "refused: " + String.join("; ", verdict.reasons()));
        return verdict;
    }

    /**
     * DESIGN.md step 5, second half: START for the report that was validated (the TSM checks it is the one it
     * served since LOCK). A refused verdict never reaches START: the guest records the refusal and unlocks.
     */
    public void accept() throws GuestException {
        require(GuestTdiState.LOCKED, "accept");
        if (verdict == null) {
            throw new GuestException("accept", "the evidence has not been validated");
        }
        if (!verdict.accepted()) {
            move("refuse", String.join("; ", verdict.reasons()), GuestTdiState.REFUSED);
            throw new GuestException("accept", "the device does not meet the policy: "
                    + String.join("; ", verdict.reasons()));
        }
        GuestResponse r = ask("accept", STATE_CHANGE, GuestRequest.StartInterface.accepting(evidence.reportBytes()));
        TdiState after = ((GuestResponse.StateChanged) r).state();
        if (after != TdiState.RUN) {
            throw new GuestException("accept", "START answered, but the TDI is " + after);
        }
        move("tsm/accept", "START_INTERFACE: the TDI is RUN", GuestTdiState.ACCEPTED);
        host.mapPrivateMmio();
        host.enableDevice();
    }

    /** The TDI state the TSM reports now. */
    public TdiState tdiState() throws GuestException {
        return ((GuestResponse.TdiStateReport) ask("state", INFO, new GuestRequest.GetTdiState())).state();
    }

    /** A private (T) MMIO write; fails unless the device completes it. */
    public void mmioWrite(long offset, Bytes data) throws GuestException {
        MmioOutcome o = host.privateMmio(offset, data.length(), true, data);
        tracer.event(LAYER, name, "device", "MMIO write (T)", data.length() + " bytes at BAR0+0x"
                + Long.toHexString(offset) + ": " + (o.served() ? "completed" : o.reason()));
        if (!o.served()) {
            throw new GuestException("MMIO write", "the device refused the write at 0x" + Long.toHexString(offset)
                    + ": " + o.reason());
        }
    }

    /** A private (T) MMIO read. */
    public Bytes mmioRead(long offset, int length) throws GuestException {
        MmioOutcome o = host.privateMmio(offset, length, false, Bytes.EMPTY);
        tracer.event(LAYER, name, "device", "MMIO read (T)", length + " bytes at BAR0+0x" + Long.toHexString(offset)
                + ": " + (o.served() ? "completed" : o.reason()));
        if (!o.served()) {
            throw new GuestException("MMIO read", "the device refused the read at 0x" + Long.toHexString(offset)
                    + ": " + o.reason());
        }
        return o.data();
    }

    /** DESIGN.md step 7: give the TDI back (STOP through the host's unbind). */
    public void unlock() throws GuestException {
        if (state == GuestTdiState.UNLOCKED) {
            return;
        }
        host.requestUnlock();
        move("tsm/unlock", "the host unbound the TDI: CONFIG_UNLOCKED", GuestTdiState.UNLOCKED);
    }
}
