package io.teeio.cli.tsm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.teeio.cli.Options;
import io.teeio.cli.socket.SocketTransportType;
import io.teeio.cli.socket.SpdmSocketClient;
import io.teeio.pcie.doe.DoeDiscoveryRequester;
import io.teeio.pcie.doe.DoeProtocol;
import io.teeio.pcie.doe.DoeSpdmBinding;
import io.teeio.pcie.idekm.IdeKey;
import io.teeio.pcie.idekm.IdeKmClient;
import io.teeio.pcie.idekm.IdeKmMessage;
import io.teeio.pcie.idekm.IdeStreamSetup;
import io.teeio.pcie.idekm.KeySet;
import io.teeio.pcie.idekm.KeySubStream;
import io.teeio.pcie.idekm.RootPortIdeEnd;
import io.teeio.pcie.tdisp.InterfaceId;
import io.teeio.pcie.tdisp.LockInterfaceFlags;
import io.teeio.pcie.tdisp.TdiReport;
import io.teeio.pcie.tdisp.TdiState;
import io.teeio.pcie.tdisp.TdispClient;
import io.teeio.pcie.tdisp.TdispResponse;
import io.teeio.pcie.tsm.SessionVendorChannel;
import io.teeio.spdm.cert.IdentityException;
import io.teeio.spdm.cert.IdentityFiles;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.connection.Negotiated;
import io.teeio.spdm.crypto.JcaSpdmCrypto;
import io.teeio.spdm.message.CapabilityFlags;
import io.teeio.spdm.message.SpdmVersion;
import io.teeio.spdm.requester.CertificateChainResult;
import io.teeio.spdm.requester.MeasurementResult;
import io.teeio.spdm.requester.RequesterConfig;
import io.teeio.spdm.requester.SpdmRequester;
import io.teeio.spdm.requester.SpdmSession;
import io.teeio.spdm.transport.BoundTransport;
import io.teeio.spdm.transport.TransportException;
import io.teeio.trace.Tracer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code teeio tsm}: the TSM side (SPDM requester, IDE_KM, TDISP) against an outside responder. */
@Command(name = "tsm", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Drive an outside SPDM responder (teeio device, DMTF spdm_responder_emu, a device behind "
                + "QEMU) as a TSM would: VCA, digests, certificates verified to a trust anchor, CHALLENGE, "
                + "measurements, a secured session, IDE_KM key programming, the TDISP life of one TDI, END_SESSION.",
            "Prints what passed, what the device said and the time of each step; exits 1 at the first failure."})
public final class TsmCommand implements Callable<Integer> {
    /** The flows a run can include. */
    public enum Flow { SPDM, SESSION, IDE_KM, TDISP }

    @Option(names = "--connect", paramLabel = "HOST:PORT", converter = Options.HostPort.class,
            defaultValue = "127.0.0.1:2323", description = "Responder address (default: ${DEFAULT-VALUE}).")
    InetSocketAddress connect;

    @Option(names = "--transport", paramLabel = "pci-doe|mctp|none", converter = Options.Transport.class,
            defaultValue = "pci-doe", description = "Transport in the socket frames (default: ${DEFAULT-VALUE}).")
    SocketTransportType transport;

    @Option(names = "--trust-anchor", paramLabel = "FILE", description = "Root certificate(s) the device chain must "
            + "chain to (DER or PEM; repeatable).")
    List<Path> trustAnchors = new ArrayList<>();

    @Option(names = "--no-verify", description = "Accept the device's chain without a trust anchor (reported as "
            + "NOT VERIFIED).")
    boolean noVerify;

    @Option(names = "--flows", split = ",", paramLabel = "FLOW", defaultValue = "spdm,session,ide-km,tdisp",
            converter = FlowConverter.class, description = "Flows to run: spdm, session, ide-km, tdisp "
                    + "(default: ${DEFAULT-VALUE}).")
    List<Flow> flows;

    @Option(names = "--slot", defaultValue = "0", description = "Certificate slot (default: ${DEFAULT-VALUE}).")
    int slot;

    @Option(names = "--interface-id", converter = Options.IntOrHex.class, defaultValue = "0x0100",
            description = "TDISP FUNCTION_ID of the TDI to drive (default: ${DEFAULT-VALUE}).")
    int interfaceId;

    @Option(names = "--ide-port", defaultValue = "0", description = "IDE_KM PortIndex (default: ${DEFAULT-VALUE}).")
    int idePort;

    @Option(names = "--stream", defaultValue = "0", description = "IDE stream id, the TDI's default stream "
            + "(default: ${DEFAULT-VALUE}).")
    int stream;

    @Option(names = "--lock-flags", converter = Options.IntOrHex.class, defaultValue = "0x0000",
            description = "LOCK_INTERFACE FLAGS (default: ${DEFAULT-VALUE}).")
    int lockFlags;

    @Option(names = "--report-chunk", defaultValue = "1024", description = "Interface report portion size "
            + "(default: ${DEFAULT-VALUE}).")
    int reportChunk;

    @Option(names = "--timeout-ms", defaultValue = "10000", description = "Socket timeout (default: ${DEFAULT-VALUE}).")
    int timeoutMs;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Option(names = "--shutdown", description = "Send SHUTDOWN at the end (stops spdm-emu and teeio device).")
    boolean shutdown;

    @Spec
    CommandSpec spec;

    static final class FlowConverter implements picocli.CommandLine.ITypeConverter<Flow> {
        @Override
        public Flow convert(String value) {
            try {
                return Flow.valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("unknown flow '" + value
                        + "' (expected spdm, session, ide-km, tdisp)");
            }
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Set<Flow> run = flows.isEmpty() ? EnumSet.noneOf(Flow.class) : EnumSet.copyOf(flows);
        List<X509Certificate> anchors;
        try {
            anchors = trustAnchors.isEmpty() ? List.of() : IdentityFiles.loadTrustAnchors(trustAnchors);
        } catch (IdentityException e) {
            err.println("teeio tsm: " + e.getMessage());
            return 2;
        }
        if (anchors.isEmpty() && !noVerify) {
            err.println("teeio tsm: give --trust-anchor FILE to verify the device's certificate chain, or "
                    + "--no-verify to accept it unverified");
            return 2;
        }
        if (transport == SocketTransportType.NONE && run.contains(Flow.SESSION)) {
            if (spec.commandLine().getParseResult().hasMatchedOption("--flows")) {
                err.println("teeio tsm: transport none carries no secured messages, so the session, ide-km and "
                        + "tdisp flows cannot run over it: use --flows spdm");
                return 2;
            }
            run = EnumSet.of(Flow.SPDM);
            if (!json) {
                out.println("teeio tsm: transport none carries no secured messages: running the spdm flow only");
            }
        }
        if ((run.contains(Flow.IDE_KM) || run.contains(Flow.TDISP)) && !run.contains(Flow.SESSION)) {
            err.println("teeio tsm: ide-km and tdisp run inside a secured session: add the session flow");
            return 2;
        }
        String verification = anchors.isEmpty() ? "DISABLED (--no-verify): the chain is NOT VERIFIED"
                : "to " + anchors.size() + " trust anchor(s): " + anchors.stream()
                        .map(a -> a.getSubjectX500Principal().getName()).collect(Collectors.joining("; "));
        if (!json) {
            out.printf("teeio tsm: %s over %s; chain verification %s%n", connect, transport, verification);
            out.printf("  %-8s %-40s %-6s %11s  %s%n", "flow", "step", "result", "time", "detail");
        }
        StepLog log = new StepLog(s -> {
            if (!json) {
                out.printf("  %-8s %-40s %-6s %8.2f ms  %s%n", s.flow(), s.name(), s.ok() ? "ok" : "FAILED",
                        s.millis(), s.detail());
                out.flush();
            }
        });
        String failure = null;
        try (SpdmSocketClient client = SpdmSocketClient.connect(connect, transport, timeoutMs)) {
            try {
                runFlows(run, client, anchors, log);
            } catch (StepLog.StepFailed e) {
                failure = e.getMessage();
            }
            if (shutdown) {
                try {
                    client.shutdown();
                } catch (IOException e) {
                    failure = failure == null ? "shutdown: " + e.getMessage() : failure;
                }
            }
        } catch (IOException e) {
            failure = "connect: cannot reach " + connect + ": " + e.getMessage();
        }
        if (json) {
            printJson(out, log, verification, failure);
        } else {
            out.println(failure == null ? "result: PASSED (" + log.steps().size() + " steps)"
                    : "result: FAILED at " + failure);
        }
        out.flush();
        return failure == null ? 0 : 1;
    }

    private void runFlows(Set<Flow> run, SpdmSocketClient client, List<X509Certificate> anchors, StepLog log)
            throws StepLog.StepFailed {
        if (transport == SocketTransportType.PCI_DOE) {
            List<DoeProtocol> protocols = log.run("doe", "discovery",
                    () -> new DoeDiscoveryRequester(object -> exchange(client, object), Tracer.NONE).discover(),
                    p -> p.stream().map(TsmCommand::protocolName).collect(Collectors.joining(", ")));
            if (!protocols.contains(DoeProtocol.CMA_SPDM)) {
                log.run("doe", "CMA/SPDM offered", () -> {
                    throw new IllegalStateException("the device offers no CMA/SPDM data object type");
                }, x -> "");
            }
        }
        RequesterConfig.Builder cfg = RequesterConfig.builder().name("teeio tsm").versions(List.of(SpdmVersion.V1_2,
                SpdmVersion.V1_1));
        cfg = anchors.isEmpty() ? cfg.verifyChains(false) : cfg.trustAnchors(anchors);
        SpdmRequester q = new SpdmRequester(cfg.build(), new BoundTransport(transport.spdmBinding(DoeSpdmBinding::new),
                client), new JcaSpdmCrypto(new SecureRandom()), Tracer.NONE);
        Negotiated n = log.run("spdm", "VCA (version, capabilities, algorithms)", q::connect,
                x -> "SPDM " + x.version() + "; " + x.describeAlgorithms() + "; responder "
                        + CapabilityFlags.describe(x.responderFlags()));
        log.run("spdm", "GET_DIGESTS", q::getDigests, d -> "slot mask 0x" + Integer.toHexString(d.slotMask()));
        CertificateChainResult chain = log.run("spdm", "GET_CERTIFICATE slot " + slot, () -> q.getCertificate(slot),
                c -> c.chain().size() + " certificates, leaf " + c.leafSubject() + (c.verified().isPresent()
                        ? ", verified to " + c.verified().get().anchor().getSubjectX500Principal().getName()
                        : ", NOT VERIFIED (--no-verify)"));
        if (n.responderHas(CapabilityFlags.CHAL_CAP)) {
            log.run("spdm", "CHALLENGE", () -> q.challenge(slot, n.responderMeasures() ? 0xFF : 0),
                    c -> "signature verified with the slot " + slot + " leaf key");
        }
        if (n.responderMeasures()) {
            boolean signed = (n.responderFlags() & CapabilityFlags.MEAS_CAP_MASK) == CapabilityFlags.MEAS_CAP_SIG;
            MeasurementResult m = log.run("spdm", "GET_MEASUREMENTS (all)", () -> q.getMeasurements(0xFF, signed,
                    slot, false), r -> r.blocks().size() + " blocks" + (signed ? ", signature verified" : ", unsigned"));
            if (m.blocks().isEmpty()) {
                log.run("spdm", "measurements present", () -> {
                    throw new IllegalStateException("the device returned no measurement blocks");
                }, x -> "");
            }
        }
        if (!run.contains(Flow.SESSION)) {
            return;
        }
        SpdmSession session = log.run("session", "KEY_EXCHANGE + FINISH", () -> q.openSession(slot, 0),
                s -> "session " + s.id() + ", handshake " + (n.handshakeInTheClear() ? "in the clear" : "encrypted")
                        + ", " + n.dhe() + " / " + n.aead());
        if (n.both(CapabilityFlags.HBEAT_CAP)) {
            log.run("session", "HEARTBEAT", () -> {
                session.heartbeat();
                return null;
            }, x -> "acknowledged");
        }
        if (n.both(CapabilityFlags.KEY_UPD_CAP)) {
            log.run("session", "KEY_UPDATE (all keys) + verify", () -> {
                session.updateKeys(SpdmSession.KeyUpdateOperation.UPDATE_ALL_KEYS);
                return null;
            }, x -> "both directions on new keys");
        }
        SessionVendorChannel channel = new SessionVendorChannel(session);
        LocalRootPortEnd rootPort = new LocalRootPortEnd();
        IdeKmClient ide = new IdeKmClient(channel, Tracer.NONE);
        if (run.contains(Flow.IDE_KM)) {
            IdeKmMessage.QueryResp qr = log.run("ide-km", "QUERY port " + idePort, () -> ide.query(idePort),
                    r -> "port " + r.portIndex() + ", max port index " + r.maxPortIndex() + ", bus " + r.busNum()
                            + ", " + r.ideRegisters().size() + " IDE capability registers");
            log.run("ide-km", "KEY_PROG x6 + K_SET_GO x6, stream " + stream, () -> {
                new IdeStreamSetup(ide, rootPort, new Random(new SecureRandom().nextLong()), Tracer.NONE)
                        .establish(idePort, stream, KeySet.K0);
                return null;
            }, x -> "all sub-streams keyed and set to go (no root port here: its keys stay in this process)");
        }
        if (run.contains(Flow.TDISP)) {
            InterfaceId id = new InterfaceId(interfaceId);
            TdispClient tdisp = new TdispClient(channel, reportChunk, Tracer.NONE);
            log.run("tdisp", "GET_TDISP_VERSION", () -> tdisp.version(id), v -> "versions " + v.stream()
                    .map(x -> (x >> 4) + "." + (x & 0xF)).collect(Collectors.joining(", ")));
            log.run("tdisp", "GET_TDISP_CAPABILITIES",
                    () -> tdisp.capabilities(id), c -> "lock flags 0x" + Integer.toHexString(
                            c.lockInterfaceFlagsSupported().bits()) + ", address width " + c.devAddrWidth());
            log.run("tdisp", "GET_DEVICE_INTERFACE_STATE", () -> tdisp.state(id), TdiState::name);
            Bytes nonce = log.run("tdisp", "LOCK_INTERFACE_REQUEST", () -> tdisp.lock(id, new LockInterfaceFlags(
                    lockFlags), stream, 0, 0), x -> "CONFIG_LOCKED, START nonce received");
            expectState(log, tdisp, id, TdiState.CONFIG_LOCKED);
            log.run("tdisp", "GET_DEVICE_INTERFACE_REPORT", () -> tdisp.report(id), TsmCommand::describeReport);
            log.run("tdisp", "START_INTERFACE_REQUEST", () -> {
                tdisp.start(id, nonce);
                return null;
            }, x -> "accepted");
            expectState(log, tdisp, id, TdiState.RUN);
            log.run("tdisp", "STOP_INTERFACE_REQUEST", () -> {
                tdisp.stop(id);
                return null;
            }, x -> "stopped");
            expectState(log, tdisp, id, TdiState.CONFIG_UNLOCKED);
        }
        if (run.contains(Flow.IDE_KM)) {
            log.run("ide-km", "K_SET_STOP x6, stream " + stream, () -> {
                for (KeySubStream kss : LocalRootPortEnd.allSubStreams(KeySet.K0)) {
                    ide.setStop(stream, kss, idePort);
                }
                return null;
            }, x -> "stream keys stopped");
        }
        log.run("session", "END_SESSION", () -> {
            session.close();
            return null;
        }, x -> "session ended, keys erased");
    }

    private static String protocolName(DoeProtocol p) {
        if (p.equals(DoeProtocol.DISCOVERY)) {
            return "discovery";
        }
        if (p.equals(DoeProtocol.CMA_SPDM)) {
            return "CMA/SPDM";
        }
        if (p.equals(DoeProtocol.SECURED_CMA_SPDM)) {
            return "secured CMA/SPDM";
        }
        return p.toString();
    }

    private static void expectState(StepLog log, TdispClient tdisp, InterfaceId id, TdiState expected)
            throws StepLog.StepFailed {
        log.run("tdisp", "GET_DEVICE_INTERFACE_STATE", () -> {
            TdiState s = tdisp.state(id);
            if (s != expected) {
                throw new IllegalStateException("the TDI is " + s + ", expected " + expected);
            }
            return s;
        }, TdiState::name);
    }

    private static String describeReport(TdiReport r) {
        return r.mmioRanges().size() + " MMIO range(s): " + r.mmioRanges().stream()
                .map(m -> String.format("0x%x (%d pages)", m.firstPage() << 12, m.numberOfPages()))
                .collect(Collectors.joining(", ")) + "; interface info 0x" + Integer.toHexString(r.interfaceInfo());
    }

    private static byte[] exchange(SpdmSocketClient client, byte[] object) throws IOException {
        try {
            return client.exchange(object);
        } catch (TransportException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private void printJson(PrintWriter out, StepLog log, String verification, String failure) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("target", connect.toString());
        doc.put("transport", transport.optionName());
        doc.put("chainVerification", verification);
        doc.put("result", failure == null ? "passed" : "failed");
        doc.put("firstFailure", failure);
        List<Map<String, Object>> steps = new ArrayList<>();
        for (StepLog.Step s : log.steps()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("flow", s.flow());
            m.put("step", s.name());
            m.put("ok", s.ok());
            m.put("millis", Math.round(s.millis() * 1000) / 1000.0);
            m.put("detail", s.detail());
            steps.add(m);
        }
        doc.put("steps", steps);
        try {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** The root port's end of the stream: teeio tsm has none, so it keeps the keys in this process only. */
    static final class LocalRootPortEnd implements RootPortIdeEnd {
        private int programmed;

        static List<KeySubStream> allSubStreams(KeySet set) {
            List<KeySubStream> out = new ArrayList<>();
            for (var dir : io.teeio.pcie.idekm.IdeDirection.values()) {
                for (var sub : io.teeio.pcie.idekm.SubStream.values()) {
                    out.add(KeySubStream.of(set, dir, sub));
                }
            }
            return out;
        }

        @Override
        public void programKey(int streamId, KeySubStream keySubStream, IdeKey key, long ifv) {
            programmed++;
        }

        @Override
        public void go(int streamId, KeySubStream keySubStream) {
        }

        @Override
        public void stop(int streamId, KeySubStream keySubStream) {
        }
    }
}
