package io.teeio.platform.tsm;

import static io.teeio.platform.pci.PciRegs.BRIDGE_CONTROL;
import static io.teeio.platform.pci.PciRegs.BRIDGE_CTL_BUS_RESET;
import static io.teeio.platform.pci.PciRegs.EXT_CAP_ID_IDE;
import static io.teeio.platform.pci.PciRegs.EXT_CAP_ID_SRIOV;
import static io.teeio.platform.pci.PciRegs.IDE_SEL_BLOCKS;
import static io.teeio.platform.pci.PciRegs.IDE_SEL_CTRL;
import static io.teeio.platform.pci.PciRegs.IDE_SEL_CTRL_ID_SHIFT;
import static io.teeio.platform.pci.PciRegs.IDE_SEL_STATUS;
import static io.teeio.platform.pci.PciRegs.SRIOV_CTRL;
import static io.teeio.platform.pci.PciRegs.SRIOV_CTRL_VFE;
import static io.teeio.platform.pci.PciRegs.SRIOV_NUM_VF;
import static io.teeio.platform.pci.PciRegs.SRIOV_VF_OFFSET;
import static io.teeio.platform.pci.PciRegs.SRIOV_VF_STRIDE;

import io.teeio.pcie.doe.DoeChannel;
import io.teeio.pcie.doe.DoeDiscoveryRequester;
import io.teeio.pcie.doe.DoeProtocol;
import io.teeio.pcie.doe.DoeProtocolException;
import io.teeio.pcie.doe.DoeSpdmBinding;
import io.teeio.pcie.idekm.IdeKmClient;
import io.teeio.pcie.idekm.IdeKmException;
import io.teeio.pcie.idekm.IdeKmMessage;
import io.teeio.pcie.idekm.IdeSetupException;
import io.teeio.pcie.idekm.IdeStreamSetup;
import io.teeio.pcie.idekm.KeySet;
import io.teeio.pcie.tdisp.TdispClient;
import io.teeio.pcie.tsm.SessionVendorChannel;
import io.teeio.pcie.vdm.VendorChannelException;
import io.teeio.platform.doe.DoeMailboxDriver;
import io.teeio.platform.fault.FaultInjector;
import io.teeio.platform.fault.FaultPoint;
import io.teeio.platform.pci.CapabilityWalker;
import io.teeio.platform.pci.IdeRegisters;
import io.teeio.platform.pci.IdeStreamState;
import io.teeio.platform.pci.PciRegs;
import io.teeio.platform.pci.RoutingId;
import io.teeio.platform.rootport.RootPort;
import io.teeio.spdm.connection.Negotiated;
import io.teeio.spdm.crypto.SpdmCrypto;
import io.teeio.spdm.requester.CertificateChainResult;
import io.teeio.spdm.requester.MeasurementResult;
import io.teeio.spdm.requester.RequesterConfig;
import io.teeio.spdm.requester.SpdmRequester;
import io.teeio.spdm.requester.SpdmRequesterException;
import io.teeio.spdm.requester.SpdmSession;
import io.teeio.spdm.transport.BoundTransport;
import io.teeio.spdm.transport.TransportException;
import io.teeio.trace.Tracer;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The TSM's side of one DSM (Linux's {@code pci_tsm_pf0}): the link state, and while CONNECTED the SPDM session,
 * the IDE stream it keyed, what it learnt at connect (certificate chain, measurements), the TDISP client and the
 * TDIs bound through it. Connect and disconnect are here; bind, unbind and guest requests are in
 * {@link PlatformTsm}.
 */
final class DsmConnection {
    /** The device's IDE_KM port the stream is keyed on (its own port). */
    static final int DEVICE_PORT = 0;
    /** The root port's selective stream register block the TSM uses. */
    static final int ROOT_PORT_BLOCK = 0;
    /** Appended to a failure's detail when {@link #deviceWasReset()}. */
    static final String RESET_NOTE = "; the device was reset (its IDE stream Control reads as at power-on)";

    private final DsmLink link;
    private final TsmConfig config;
    private final SpdmCrypto crypto;
    private final FaultInjector faults;
    private final Tracer tracer;
    private final String peer;
    private final int doeOffset;
    private final int ideOffset;
    private final int sriovOffset;

    private LinkState state = LinkState.DISCONNECTED;
    private boolean streamProgrammed;
    private SpdmSession session;
    private TdispClient tdisp;
    private IdeStreamSetup ide;
    private CertificateChainResult chain;
    private MeasurementResult measurements;
    private Negotiated negotiated;
    private final Map<RoutingId, TdiBinding> bindings = new LinkedHashMap<>();

    DsmConnection(DsmLink link, int doeOffset, TsmConfig config, SpdmCrypto crypto, FaultInjector faults,
            Tracer tracer) throws TsmFailures.StepFailure {
        this.link = link;
        this.config = config;
        this.crypto = crypto;
        this.faults = faults;
        this.tracer = tracer;
        this.peer = "DSM " + link.dsm();
        this.doeOffset = doeOffset;
        this.ideOffset = CapabilityWalker.findExtCapability(link.config(), EXT_CAP_ID_IDE);
        if (ideOffset == 0) {
            throw new TsmFailures.StepFailure(TsmException.Reason.NO_SUCH_DEVICE, link.dsm()
                    + " has no IDE capability: not a TEE-IO DSM");
        }
        this.sriovOffset = CapabilityWalker.findExtCapability(link.config(), EXT_CAP_ID_SRIOV);
    }

    RoutingId dsm() {
        return link.dsm();
    }

    String peer() {
        return peer;
    }

    LinkState state() {
        return state;
    }

    TdispClient tdisp() {
        return tdisp;
    }

    CertificateChainResult chain() {
        return chain;
    }

    /** What was established, for reports; empty unless connected. */
    java.util.Optional<LinkInfo> info() {
        if (state != LinkState.CONNECTED) {
            return java.util.Optional.empty();
        }
        byte[] all = io.teeio.spdm.message.MeasurementBlock.encodeAll(measurements.blocks());
        return java.util.Optional.of(new LinkInfo(negotiated, chain.leafSubject(), measurements.blocks().size(),
                io.teeio.spdm.codec.Bytes.of(crypto.hash(negotiated.baseHash(), all)), session.id(),
                config.streamId()));
    }

    MeasurementResult measurements() {
        return measurements;
    }

    TdiBinding binding(RoutingId tdi) {
        return bindings.get(tdi);
    }

    void bound(TdiBinding b) {
        bindings.put(b.tdi, b);
    }

    TdiBinding unbound(RoutingId tdi) {
        return bindings.remove(tdi);
    }

    List<TdiBinding> bindings() {
        return List.copyOf(bindings.values());
    }

    /** The DSM itself or one of its VFs that exists now (VF Enable set, within NumVFs). */
    boolean owns(RoutingId function) {
        int delta = function.value() - link.dsm().value();
        if (delta == 0) {
            return true;
        }
        if (sriovOffset == 0 || delta < 0 || (link.config().readWord(sriovOffset + SRIOV_CTRL) & SRIOV_CTRL_VFE) == 0) {
            return false;
        }
        int rel = delta - link.config().readWord(sriovOffset + SRIOV_VF_OFFSET);
        int stride = link.config().readWord(sriovOffset + SRIOV_VF_STRIDE);
        return rel >= 0 && stride > 0 && rel % stride == 0
                && rel / stride < link.config().readWord(sriovOffset + SRIOV_NUM_VF);
    }

    /**
     * Selective stream set up on both ends, DOE discovery, SPDM (VCA, digests, certificate verified to the trust
     * anchors, signed measurements, KEY_EXCHANGE/FINISH), IDE_KM QUERY, keys for every sub-stream on both ends,
     * stream enabled, K_SET_GO, then both ends checked Secure. On failure whatever was set up is undone.
     */
    void connect() throws TsmException {
        if (state != LinkState.DISCONNECTED) {
            throw new TsmException(TsmOperation.CONNECT, link.dsm(), TsmException.Reason.WRONG_STATE,
                    "already " + state);
        }
        SpdmSession opened = null;
        IdeStreamSetup keyed = null;
        try {
            streamRegisters(false);
            DoeChannel doe = new RetryingDoeChannel(new DoeMailboxDriver(link.config(), doeOffset,
                    config.doePollBudget(), tracer, "TSM DOE " + link.dsm()), config.doeRetry(), tracer, peer);
            List<DoeProtocol> protocols = new DoeDiscoveryRequester(doe, tracer).discover();
            if (!protocols.contains(DoeProtocol.CMA_SPDM) || !protocols.contains(DoeProtocol.SECURED_CMA_SPDM)) {
                throw new TsmFailures.StepFailure(TsmException.Reason.DOE_FAILURE,
                        "the DOE mailbox offers no CMA/SPDM and Secured CMA/SPDM: " + protocols);
            }
            step("DOE_DISCOVERY", protocols.size() + " protocols, CMA/SPDM and Secured CMA/SPDM among them");
            resetPoint("after DOE discovery");

            SpdmRequester requester = new SpdmRequester(requesterConfig(), new BoundTransport(new DoeSpdmBinding(),
                    m -> exchange(doe, m)), crypto, tracer);
            Negotiated negotiated = requester.connect();
            step("SPDM_VCA", "SPDM " + negotiated.version() + ", " + negotiated.describeAlgorithms());
            resetPoint("after SPDM VCA");

            requester.getDigests();
            CertificateChainResult certificate = requester.getCertificate(0);
            step("SPDM_CERTIFICATE", "slot 0: " + certificate.chain().size() + " certificates, verified to a trust "
                    + "anchor, leaf " + certificate.leafSubject());
            resetPoint("after the certificate");

            MeasurementResult measured = requester.getMeasurements(0xFF, true, 0, false);
            step("SPDM_MEASUREMENTS", measured.blocks().size() + " measurement blocks, signature verified");
            resetPoint("after the measurements");

            opened = requester.openSession(0, 0);
            step("SPDM_SESSION", "session " + opened.id() + " established (KEY_EXCHANGE, FINISH)");
            resetPoint("after the session opened");

            SessionVendorChannel channel = new SessionVendorChannel(opened);
            IdeKmClient ideKm = new IdeKmClient(channel, tracer);
            checkQuery(ideKm.query(DEVICE_PORT));
            step("IDE_KM_QUERY", "port " + DEVICE_PORT + " carries stream " + config.streamId());

            clearRootPortKeys();
            streamRegisters(true);
            keyed = new IdeStreamSetup(ideKm, new RootPortKeys(link.rootPort(), faults, tracer),
                    crypto.randomGenerator(), tracer);
            keyed.establish(DEVICE_PORT, config.streamId(), KeySet.K0);
            step("IDE_KEYS", "stream " + config.streamId() + ": K0 keys for PR, NPR, CPL in both directions on both"
                    + " ends, K_SET_GO");
            resetPoint("after K_SET_GO");
            requireSecure();

            session = opened;
            tdisp = new TdispClient(channel, config.reportChunkSize(), tracer);
            ide = keyed;
            chain = certificate;
            measurements = measured;
            this.negotiated = negotiated;
            state = LinkState.CONNECTED;
            tracer.transition(PlatformTsm.LAYER, "TSM", peer, "CONNECT", "SPDM session " + opened.id()
                    + ", IDE stream " + config.streamId() + " Secure", LinkState.DISCONNECTED.name(),
                    LinkState.CONNECTED.name());
        } catch (SpdmRequesterException | IOException | DoeProtocolException | IdeKmException
                | VendorChannelException | IdeSetupException | TsmFailures.StepFailure e) {
            boolean reset = deviceWasReset();
            TsmException failure = new TsmException(TsmOperation.CONNECT, link.dsm(), reset
                    ? TsmException.Reason.LINK_LOST : TsmFailures.classify(e, opened != null && !opened.isOpen()),
                    e.getMessage() + (reset ? RESET_NOTE : ""), e);
            undoConnect(opened, keyed, failure);
            tracer.transition(PlatformTsm.LAYER, "TSM", peer, "CONNECT_FAILED", failure.getMessage(),
                    LinkState.DISCONNECTED.name(), LinkState.DISCONNECTED.name());
            throw failure;
        }
    }

    private void undoConnect(SpdmSession opened, IdeStreamSetup keyed, Exception failure) {
        if (keyed != null && opened != null && opened.isOpen()) {
            try {
                keyed.stop(DEVICE_PORT, config.streamId(), KeySet.K0);
            } catch (IdeSetupException e) {
                failure.addSuppressed(e);
            }
        }
        streamRegistersOff();
        clearRootPortKeys();
        endSession(opened, failure);
    }

    /**
     * Stops the stream on both ends, erases the root port's keys, disables the stream, ends the session; what
     * went wrong on the way is added to {@code problems}, the link ends DISCONNECTED regardless.
     */
    void disconnect(Exception problems) {
        try {
            ide.stop(DEVICE_PORT, config.streamId(), KeySet.K0);
        } catch (IdeSetupException e) {
            problems.addSuppressed(e);
        }
        clearRootPortKeys();
        streamRegistersOff();
        endSession(session, problems);
        forget();
        tracer.transition(PlatformTsm.LAYER, "TSM", peer, "DISCONNECT", "IDE stream " + config.streamId()
                + " stopped, SPDM session ended", LinkState.CONNECTED.name(), LinkState.DISCONNECTED.name());
    }

    /**
     * The session can no longer be used (ended by the device, or its sequence numbers lost with a failed
     * exchange): forget the bindings, erase the root port's keys, end the session as far as possible.
     */
    void linkLost(String why, Exception problems) {
        if (state != LinkState.CONNECTED) {
            return;
        }
        clearRootPortKeys();
        endSession(session, problems);
        forget();
        tracer.transition(PlatformTsm.LAYER, "TSM", peer, "LINK_LOST", why + "; bindings dropped, connect again",
                LinkState.CONNECTED.name(), LinkState.DISCONNECTED.name());
    }

    /** Whether a failed exchange has cost the session: ended, or its transport failed under it. */
    boolean sessionLost(Throwable failure) {
        return session == null || !session.isOpen() || TsmFailures.transportFailed(failure);
    }

    private void forget() {
        bindings.values().forEach(TdiBinding::destroyNonce);
        bindings.clear();
        session = null;
        tdisp = null;
        ide = null;
        chain = null;
        measurements = null;
        state = LinkState.DISCONNECTED;
    }

    private static void endSession(SpdmSession s, Exception problems) {
        if (s == null || !s.isOpen()) {
            return;
        }
        try {
            s.close();
        } catch (SpdmRequesterException e) {
            problems.addSuppressed(e);
        }
    }

    /**
     * Fault {@link FaultPoint#DEVICE_RESET_MID_FLOW}: the device takes a conventional reset here, injected as a
     * Secondary Bus Reset at the root port.
     */
    void resetPoint(String where) {
        if (!faults.fires(FaultPoint.DEVICE_RESET_MID_FLOW)) {
            return;
        }
        tracer.event(PlatformTsm.LAYER, "TSM", peer, "FAULT", FaultPoint.DEVICE_RESET_MID_FLOW + " " + where
                + ": Secondary Bus Reset at root port " + link.rootPort().routingId());
        RootPort rp = link.rootPort();
        int control = rp.readWord(BRIDGE_CONTROL);
        rp.writeWord(BRIDGE_CONTROL, control | BRIDGE_CTL_BUS_RESET);
        rp.writeWord(BRIDGE_CONTROL, control & ~BRIDGE_CTL_BUS_RESET);
    }

    /** Erases every key slot of the stream at the root port (when its block carries the stream). */
    private void clearRootPortKeys() {
        if (link.rootPort().ide().blockOf(config.streamId()).isPresent()) {
            link.rootPort().clearKeys(config.streamId());
        }
    }

    /**
     * Whether the stream Control connect programmed into the device reads as at power-on (all zero): only a
     * conventional reset does that (FLR keeps the IDE registers), and the session and keys went with it.
     */
    boolean deviceWasReset() {
        return streamProgrammed && link.config().readDword(deviceBlock() + IDE_SEL_CTRL) == 0;
    }

    /**
     * Stream ID (and Enable, once the keys are about to go) in both ends' selective stream Control, as Linux's
     * PCI/IDE core sets a stream up before key programming and enables it after; the device's is its default
     * stream.
     */
    private void streamRegisters(boolean enable) {
        streamProgrammed = true;
        writeStreamControl(enable);
    }

    private void streamRegistersOff() {
        writeStreamControl(false);
        streamProgrammed = false;
    }

    private void writeStreamControl(boolean enable) {
        link.config().writeDword(deviceBlock() + IDE_SEL_CTRL, IdeRegisters.control(config.streamId(), enable, true));
        RootPort rp = link.rootPort();
        rp.writeDword(rp.ide().controlOffset(ROOT_PORT_BLOCK), IdeRegisters.control(config.streamId(), enable, false));
    }

    /** The device's first selective stream block (it has no link IDE blocks before it). */
    private int deviceBlock() {
        return ideOffset + IDE_SEL_BLOCKS;
    }

    /** QUERY_RESP's register dump must show the stream configured in the device's block. */
    private void checkQuery(IdeKmMessage.QueryResp q) throws TsmFailures.StepFailure {
        int index = (IDE_SEL_BLOCKS + IDE_SEL_CTRL - 4) / 4;
        List<Integer> regs = q.ideRegisters();
        if (regs.size() <= index) {
            throw new TsmFailures.StepFailure(TsmException.Reason.IDE_FAILURE, "QUERY_RESP carries "
                    + regs.size() + " IDE register DWs, no selective stream block");
        }
        int control = regs.get(index);
        if (control >>> IDE_SEL_CTRL_ID_SHIFT != config.streamId()) {
            throw new TsmFailures.StepFailure(TsmException.Reason.IDE_FAILURE, String.format(
                    "QUERY_RESP shows stream Control 0x%08x, expected Stream ID %d", control, config.streamId()));
        }
    }

    private void requireSecure() throws TsmFailures.StepFailure {
        IdeStreamState rootPort = link.rootPort().streamState(config.streamId());
        boolean device = (link.config().readDword(deviceBlock() + IDE_SEL_STATUS) & PciRegs.IDE_SEL_STATUS_STATE)
                == IdeStreamState.SECURE.code();
        if (rootPort != IdeStreamState.SECURE || !device) {
            throw new TsmFailures.StepFailure(TsmException.Reason.IDE_FAILURE, "after K_SET_GO stream "
                    + config.streamId() + " is " + rootPort + " at the root port and " + (device ? "SECURE"
                    : "INSECURE") + " at the device");
        }
        step("IDE_STREAM_SECURE", "stream " + config.streamId() + " Secure at both ends");
    }

    private RequesterConfig requesterConfig() {
        return RequesterConfig.builder().trustAnchors(config.trustAnchors())
                .responseNotReadyRetries(config.responseNotReadyRetries()).name("TSM").build();
    }

    private static byte[] exchange(DoeChannel doe, byte[] object) throws TransportException {
        try {
            return doe.exchange(object);
        } catch (IOException e) {
            throw new TransportException("DOE: " + e.getMessage(), e);
        }
    }

    private void step(String action, String detail) {
        tracer.event(PlatformTsm.LAYER, "TSM", peer, action, detail);
    }
}
