package io.teeio.cli.tsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.cli.TeeioCommand;
import io.teeio.cli.device.DeviceServer;
import io.teeio.cli.socket.ServerLog;
import io.teeio.cli.socket.SocketTransportType;
import io.teeio.spdm.cert.DeviceIdentity;
import io.teeio.spdm.cert.DeviceIds;
import io.teeio.spdm.cert.IdentityFiles;
import io.teeio.spdm.cert.IdentityGenerator;
import io.teeio.spdm.cert.IdentitySpec;
import io.teeio.spdm.crypto.BaseAsymAlgo;
import io.teeio.spdm.crypto.JcaSpdmCrypto;
import io.teeio.spdm.measurement.DeviceMeasurements;
import io.teeio.trace.Tracer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** `teeio tsm` against `teeio device` over real loopback TCP, for every transport and asymmetric suite. */
class TsmAgainstDeviceTest {
    private static final Map<BaseAsymAlgo, DeviceIdentity> IDENTITIES = new EnumMap<>(BaseAsymAlgo.class);
    private static ExecutorService pool;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startPool() {
        pool = Executors.newCachedThreadPool();
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    private static synchronized DeviceIdentity identity(BaseAsymAlgo a) {
        return IDENTITIES.computeIfAbsent(a, x -> new IdentityGenerator().generate(IdentitySpec.responder(x, 9,
                new DeviceIds(0x8086, 0x0b25, 0x120000, 1, 0x8086, 0))));
    }

    record Run(int exit, String out) {
    }

    private static Run tsm(String... args) {
        StringWriter out = new StringWriter();
        var cl = TeeioCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(out));
        return new Run(cl.execute(args), out.toString());
    }

    /** Starts a device on a free loopback port, runs `teeio tsm` with the extra args, and stops the device. */
    private static Run againstDevice(SocketTransportType t, BaseAsymAlgo a, String... extra) throws Exception {
        DeviceIdentity id = identity(a);
        Path anchor = dir.resolve(a + ".der");
        IdentityFiles.writeCertificateDer(anchor, id.chain().root());
        DeviceServer server = new DeviceServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), t, id,
                DeviceMeasurements.defaultDevice(), 2, 0x0100, 0, new JcaSpdmCrypto(new SecureRandom()),
                ServerLog.SILENT, Tracer.NONE);
        Future<Integer> serving = pool.submit(server::serve);
        try {
            List<String> args = new ArrayList<>(List.of("tsm", "--connect", "127.0.0.1:" + server.address().getPort(),
                    "--transport", t.optionName(), "--trust-anchor", anchor.toString()));
            args.addAll(List.of(extra));
            return tsm(args.toArray(String[]::new));
        } finally {
            server.close();
            serving.get(10, TimeUnit.SECONDS);
        }
    }

    static Stream<Arguments> transportsAndSuites() {
        List<Arguments> out = new ArrayList<>();
        for (SocketTransportType t : SocketTransportType.values()) {
            for (BaseAsymAlgo a : BaseAsymAlgo.values()) {
                out.add(Arguments.of(t, a));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("transportsAndSuites")
    void everyFlowPassesForEveryTransportAndSuite(SocketTransportType t, BaseAsymAlgo a) throws Exception {
        String[] flows = t == SocketTransportType.NONE ? new String[] {"--flows", "spdm"} : new String[0];
        Run r = againstDevice(t, a, flows);
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("result: PASSED"), r.out());
        assertTrue(r.out().contains("verified to CN="), r.out());
        if (t != SocketTransportType.NONE) {
            assertTrue(r.out().contains("STOP_INTERFACE_REQUEST"), r.out());
            assertTrue(r.out().contains(", 66 IDE capability registers"), r.out());
        }
    }

    @Test
    void aWrongTrustAnchorFailsAtTheCertificateStepWithExitOne() throws Exception {
        Path other = dir.resolve("other.der");
        IdentityFiles.writeCertificateDer(other, identity(BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P256).chain().root());
        DeviceIdentity id = identity(BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P384);
        DeviceServer server = new DeviceServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                SocketTransportType.PCI_DOE, id, DeviceMeasurements.defaultDevice(), 0, 0x0100, 0,
                new JcaSpdmCrypto(new SecureRandom()), ServerLog.SILENT, Tracer.NONE);
        Future<Integer> serving = pool.submit(server::serve);
        try {
            Run r = tsm("tsm", "--connect", "127.0.0.1:" + server.address().getPort(), "--trust-anchor",
                    other.toString());
            assertEquals(1, r.exit(), r.out());
            assertTrue(r.out().contains("FAILED at spdm/GET_CERTIFICATE slot 0"), r.out());
            assertTrue(r.out().contains("not rooted"), r.out());
        } finally {
            server.close();
            serving.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void noVerifyIsReportedAsNotVerified() throws Exception {
        DeviceIdentity id = identity(BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P256);
        DeviceServer server = new DeviceServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                SocketTransportType.MCTP, id, DeviceMeasurements.defaultDevice(), 0, 0x0100, 0,
                new JcaSpdmCrypto(new SecureRandom()), ServerLog.SILENT, Tracer.NONE);
        Future<Integer> serving = pool.submit(server::serve);
        try {
            Run r = tsm("tsm", "--connect", "127.0.0.1:" + server.address().getPort(), "--transport", "mctp",
                    "--no-verify", "--flows", "spdm", "--json");
            assertEquals(0, r.exit(), r.out());
            assertTrue(r.out().contains("\"chainVerification\" : \"DISABLED (--no-verify)"), r.out());
            assertTrue(r.out().contains("NOT VERIFIED"), r.out());
        } finally {
            server.close();
            serving.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void overTransportNoneTheDefaultFlowsShrinkToSpdmAndSaySo() throws Exception {
        Run r = againstDevice(SocketTransportType.NONE, BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P256);
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("running the spdm flow only"), r.out());
    }

    @Test
    void asksForSessionsOverTransportNoneAreAUsageError() {
        Run r = tsm("tsm", "--connect", "127.0.0.1:1", "--no-verify", "--transport", "none", "--flows",
                "spdm,session");
        assertEquals(2, r.exit());
        assertTrue(r.out().contains("transport none carries no secured messages"), r.out());
    }

    @Test
    void withoutTrustAnchorOrNoVerifyTheCommandRefusesToRun() {
        Run r = tsm("tsm", "--connect", "127.0.0.1:1");
        assertEquals(2, r.exit());
        assertTrue(r.out().contains("--trust-anchor"), r.out());
    }

    @Test
    void unreachableResponderIsAClearFailure() {
        Run r = tsm("tsm", "--connect", "127.0.0.1:1", "--no-verify");
        assertEquals(1, r.exit());
        assertTrue(r.out().contains("cannot reach"), r.out());
    }
}
