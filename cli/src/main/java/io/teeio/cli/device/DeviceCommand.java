package io.teeio.cli.device;

import io.teeio.cli.Options;
import io.teeio.cli.render.NarratedTextSink;
import io.teeio.cli.socket.ServerLog;
import io.teeio.cli.socket.SocketTransportType;
import io.teeio.spdm.cert.DeviceIdentity;
import io.teeio.spdm.cert.DeviceIds;
import io.teeio.spdm.cert.IdentityException;
import io.teeio.spdm.cert.IdentityFiles;
import io.teeio.spdm.cert.IdentityGenerator;
import io.teeio.spdm.cert.IdentitySpec;
import io.teeio.spdm.crypto.BaseAsymAlgo;
import io.teeio.spdm.crypto.JcaSpdmCrypto;
import io.teeio.spdm.measurement.DeviceMeasurements;
import io.teeio.trace.TimeSource;
import io.teeio.trace.TraceSink;
import io.teeio.trace.Tracer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code teeio device}: the emulated device's DSM as an SPDM responder on the spdm-emu socket protocol. */
@Command(name = "device", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve the emulated device's DSM (SPDM with sessions, IDE_KM, TDISP) to outside requesters "
                + "over the socket protocol of DMTF spdm-emu and QEMU spdm-socket.",
            "One connection at a time; SHUTDOWN ends the server, CONTINUE just the connection."})
public final class DeviceCommand implements Callable<Integer> {
    @Option(names = "--listen", paramLabel = "HOST:PORT", converter = Options.HostPort.class,
            defaultValue = "127.0.0.1:2323", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    InetSocketAddress listen;

    @Option(names = "--transport", paramLabel = "pci-doe|mctp|none", converter = Options.Transport.class,
            defaultValue = "pci-doe", description = "Transport in the socket frames (default: ${DEFAULT-VALUE}). "
                    + "Start spdm-emu with the same (--trans PCI_DOE / MCTP / NONE).")
    SocketTransportType transport;

    @Option(names = "--cert-chain", paramLabel = "FILE", description = "Certificate chain (DER, as libspdm's "
            + "bundle_responder.certchain.der, or PEM), root first. Needs --key.")
    Path certChain;

    @Option(names = "--key", paramLabel = "FILE", description = "The leaf's private key (PEM or DER; PKCS#8, SEC1 "
            + "or PKCS#1).")
    Path key;

    @Option(names = "--asym", paramLabel = "ALG", defaultValue = "TPM_ALG_ECDSA_ECC_NIST_P384",
            description = "Algorithm of the generated identity when no chain is given: ${COMPLETION-CANDIDATES} "
                    + "(default: ${DEFAULT-VALUE}).")
    BaseAsymAlgo asym;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the generated identity (default: "
            + "${DEFAULT-VALUE}); nonces and keys of the run are fresh unless --deterministic.")
    long seed;

    @Option(names = "--deterministic", description = "Derive nonces and ephemeral keys from --seed too (replays only).")
    boolean deterministic;

    @Option(names = "--vfs", defaultValue = "4", description = "Virtual functions, each a TDI besides the PF "
            + "(0..255, default: ${DEFAULT-VALUE}).")
    int vfs;

    @Option(names = "--pf-rid", converter = Options.IntOrHex.class, defaultValue = "0x0100",
            description = "Requester id (INTERFACE_ID) of the PF; VFs follow (default: ${DEFAULT-VALUE}; "
                    + "spdm-emu's requester uses 0xbeef).")
    int pfRid;

    @Option(names = "--ide-port", defaultValue = "0", description = "IDE_KM PortIndex of the TDIs' default stream "
            + "(default: ${DEFAULT-VALUE}; spdm-emu's requester keys port 1).")
    int idePort;

    @Option(names = "--heartbeat-period", defaultValue = "240", description = "HeartbeatPeriod offered in "
            + "KEY_EXCHANGE_RSP, seconds (0..255, default: ${DEFAULT-VALUE}, as spdm-emu); a session silent for twice "
            + "as long is ended. 0: no heartbeat.")
    int heartbeatPeriod;

    @Option(names = "--measurements", paramLabel = "FILE", description = "Measurements as JSON "
            + "({\"measurements\": [{\"index\": 1, \"kind\": \"immutable-rom\", \"text\": \"...\"}]}).")
    Path measurements;

    @Option(names = "--write-trust-anchor", paramLabel = "FILE", description = "Write the root certificate of "
            + "the identity served (PEM if the name ends in .pem, else DER), then serve.")
    Path writeTrustAnchor;

    @Option(names = {"-v", "--verbose"}, description = "Hex of every message.")
    boolean verbose;

    @Option(names = "--trace", description = "Narrate what the DSM does (SPDM, sessions, IDE_KM, TDISP).")
    boolean trace;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            DeviceServer server = build(out);
            try (server) {
                out.printf("teeio device: %s listening on %s, transport %s%n", describe(), server.address(), transport);
                if (!server.address().getAddress().isLoopbackAddress()) {
                    out.println("  warning: listening on a non-loopback address; anyone who reaches it can talk to "
                            + "the device");
                }
                out.flush();
                int n = server.serve();
                out.println("teeio device: stopped after " + n + " connection(s)");
            }
            return 0;
        } catch (UsageException e) {
            err.println("teeio device: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("teeio device: " + e.getMessage());
            return 1;
        }
    }

    private String describe() {
        return "DSM with PF " + String.format("%04x", pfRid) + " + " + vfs + " VF(s) as TDIs, IDE port " + idePort;
    }

    /** Builds the server (used by tests too); prints what identity it serves. */
    public DeviceServer build(PrintWriter out) throws IOException, UsageException {
        if (vfs < 0 || vfs > 255) {
            throw new UsageException("--vfs must be 0..255, got " + vfs);
        }
        if (heartbeatPeriod < 0 || heartbeatPeriod > 255) {
            throw new UsageException("--heartbeat-period must be 0..255 seconds, got " + heartbeatPeriod);
        }
        if ((certChain == null) != (key == null)) {
            throw new UsageException("--cert-chain and --key go together");
        }
        DeviceIdentity identity;
        try {
            if (certChain != null) {
                identity = IdentityFiles.loadIdentity(certChain, key);
                out.println("identity: " + identity.leaf().getSubjectX500Principal().getName() + " (" + identity.asym()
                        + ") from " + certChain);
            } else {
                identity = new IdentityGenerator().generate(IdentitySpec.responder(asym, seed,
                        new DeviceIds(0x8086, 0x0b25, 0x120000, 0x01, 0x8086, 0x0000)));
                out.println("identity: generated " + identity.leaf().getSubjectX500Principal().getName() + " (" + asym
                        + ", seed " + seed + ")");
            }
            if (writeTrustAnchor != null) {
                if (writeTrustAnchor.toString().endsWith(".pem")) {
                    IdentityFiles.writeCertificatePem(writeTrustAnchor, identity.chain().root());
                } else {
                    IdentityFiles.writeCertificateDer(writeTrustAnchor, identity.chain().root());
                }
                out.println("trust anchor written to " + writeTrustAnchor);
            }
        } catch (IdentityException e) {
            throw new UsageException(e.getMessage());
        }
        DeviceMeasurements m = measurements == null ? DeviceMeasurements.defaultDevice()
                : MeasurementsFile.load(measurements);
        ServerLog log = new PrintLog(out, verbose);
        Tracer tracer = trace ? new Tracer(new NarratedTextSink(out), TimeSource.SYSTEM) : Tracer.NONE;
        SecureRandom random = deterministic ? JcaSpdmCrypto.seededRandom(seed ^ 0x5eed) : new SecureRandom();
        return new DeviceServer(listen, transport, identity, m, vfs, pfRid, idePort, heartbeatPeriod,
                new JcaSpdmCrypto(random), log, tracer);
    }

    /** A bad combination of options. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }

    private record PrintLog(PrintWriter out, boolean verbose) implements ServerLog {
        @Override
        public void info(String line) {
            synchronized (out) {
                out.println(line);
                out.flush();
            }
        }

        @Override
        public void debug(String line) {
            if (verbose) {
                info("   " + line);
            }
        }
    }
}
