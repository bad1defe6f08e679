package io.teeio.cli.bench;

import io.teeio.spdm.cert.DeviceIdentity;
import io.teeio.spdm.cert.IdentityGenerator;
import io.teeio.spdm.cert.IdentitySpec;
import io.teeio.spdm.cert.KeyPairSource;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.crypto.BaseAsymAlgo;
import io.teeio.spdm.crypto.BaseHashAlgo;
import io.teeio.spdm.crypto.CryptoProviders;
import io.teeio.spdm.crypto.DheGroup;
import io.teeio.spdm.crypto.JcaSpdmCrypto;
import io.teeio.spdm.crypto.SpdmCrypto;
import io.teeio.spdm.requester.SpdmSession;
import java.io.PrintWriter;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.X509EncodedKeySpec;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code teeio bench}: the figures of the JMH benchmarks (module bench) from a plain in-process loop, for a
 * user without the benchmark jar: connections and secured round trips per second in memory, and each
 * asymmetric operation under the JDK's provider and BouncyCastle, marking the one JcaSpdmCrypto uses.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure in-memory SPDM connections and secured round trips per second, and each "
                + "asymmetric operation under the JDK's provider and BouncyCastle, on this machine.")
public final class BenchCommand implements Callable<Integer> {
    static final double DEFAULT_SECONDS = 1.0;
    static final double QUICK_SECONDS = 0.2;
    static final int ITERATIONS = 5;
    static final int QUICK_ITERATIONS = 3;
    private static final BaseAsymAlgo RSA = BaseAsymAlgo.TPM_ALG_RSASSA_3072;
    private static final BaseHashAlgo RSA_HASH = BaseHashAlgo.TPM_ALG_SHA_384;

    @Option(names = "--seconds", paramLabel = "N",
            description = "Timed seconds per measurement, after a warm-up of half as long (default: "
                    + DEFAULT_SECONDS + ", with --quick " + QUICK_SECONDS + ").")
    Double seconds;

    @Option(names = "--quick", description = "Short measurements, fewer iterations, no RSA.")
    boolean quick;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        double budget = seconds != null ? seconds : quick ? QUICK_SECONDS : DEFAULT_SECONDS;
        if (!(budget > 0 && budget <= 600)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--seconds must be more than 0 and at most 600, got " + seconds);
        }
        int iterations = quick ? QUICK_ITERATIONS : ITERATIONS;
        long timed = (long) (budget * 1e9);
        Harness harness = new Harness(System::nanoTime, timed / 2, timed / iterations, iterations);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "teeio bench: Java %s, %d processors; %s s per measurement (%d iterations, "
                + "median), after a warm-up of %s s%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), fmt(budget), iterations, fmt(budget / 2));
        out.flush();

        Map<Suite, DeviceIdentity> identities = new EnumMap<>(Suite.class);
        IdentityGenerator generator = new IdentityGenerator();
        for (Suite s : Suite.values()) {
            identities.put(s, generator.generate(IdentitySpec.responder(s.asym(), 42, InMemoryPeers.IDS)));
        }

        BenchTable table = new BenchTable(out);
        table.section("Connections in memory (VCA, digests, certificate, signed measurements, "
                + "KEY_EXCHANGE/FINISH, END_SESSION; default crypto)");
        for (Suite s : List.of(Suite.P256, Suite.P384)) {
            InMemoryPeers peers = new InMemoryPeers(s, identities.get(s), defaultCrypto(), defaultCrypto());
            table.rate(s.label(), harness.measure(peers::fullConnection), "connections/s");
        }

        table.section("Secured round trips (VENDOR_DEFINED echo in one session; P-384, AES-256-GCM, PCI DOE)");
        InMemoryPeers peers = new InMemoryPeers(Suite.P384, identities.get(Suite.P384), defaultCrypto(),
                defaultCrypto());
        try (SpdmSession session = peers.openSession()) {
            for (int size : List.of(64, 4096)) {
                Bytes payload = InMemoryPeers.payload(size);
                table.rate(size == 64 ? "64 B" : "4 KiB", harness.measure(() -> InMemoryPeers.echo(session, payload)),
                        "round trips/s");
            }
        }

        CryptoProviders jdk = CryptoProviders.jdk();
        CryptoProviders bc = CryptoProviders.bouncyCastle();
        CryptoProviders chosen = CryptoProviders.measuredDefault();
        SpdmCrypto jdkCrypto = new JcaSpdmCrypto(jdk, new SecureRandom());
        SpdmCrypto bcCrypto = new JcaSpdmCrypto(bc, new SecureRandom());
        table.providerHeader("Asymmetric operations, ms each (* = the default JcaSpdmCrypto uses)");
        for (Suite s : Suite.values()) {
            AsymWorkload onJdk = AsymWorkload.ecdsa(jdkCrypto, s, identities.get(s));
            AsymWorkload onBc = AsymWorkload.ecdsa(bcCrypto, s, identities.get(s));
            for (AsymOperation op : List.of(AsymOperation.SIGN, AsymOperation.VERIFY, AsymOperation.ECDH,
                    AsymOperation.KEY_GENERATION)) {
                compare(table, harness, s.label(), op, onJdk, onBc, jdk, bc, chosen);
            }
        }
        if (quick) {
            table.note("RSA-" + RSA.keyBits() + ": not measured with --quick");
        } else {
            // The private key as the identity generator makes it (BouncyCastle), the public key as the JDK parses it.
            KeyPair kp = KeyPairSource.seeded(bc.rsa()).generate(RSA, 42);
            PublicKey parsed = KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(kp.getPublic().getEncoded()));
            AsymWorkload onJdk = new AsymWorkload(jdkCrypto, RSA, RSA_HASH, DheGroup.SECP384R1, kp.getPrivate(), parsed);
            AsymWorkload onBc = new AsymWorkload(bcCrypto, RSA, RSA_HASH, DheGroup.SECP384R1, kp.getPrivate(), parsed);
            for (AsymOperation op : List.of(AsymOperation.RSA_SIGN, AsymOperation.RSA_VERIFY)) {
                compare(table, harness, "RSA-" + RSA.keyBits(), op, onJdk, onBc, jdk, bc, chosen);
            }
        }
        out.flush();
        return 0;
    }

    private static void compare(BenchTable table, Harness harness, String what, AsymOperation op, AsymWorkload onJdk,
            AsymWorkload onBc, CryptoProviders jdk, CryptoProviders bc, CryptoProviders chosen) throws Exception {
        List<Harness.Measurement> m = harness.measureInTurn(List.of(onJdk.operation(op), onBc.operation(op)));
        String chosenName = chosen.provider(op.choice()).getName();
        table.providers(what, op.label(), m.get(0), chosenName.equals(jdk.provider(op.choice()).getName()),
                m.get(1), chosenName.equals(bc.provider(op.choice()).getName()));
    }

    private static SpdmCrypto defaultCrypto() {
        return new JcaSpdmCrypto(new SecureRandom());
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
