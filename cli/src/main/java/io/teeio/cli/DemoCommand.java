package io.teeio.cli;

import io.teeio.cli.render.NarratedTextSink;
import io.teeio.spdm.cert.DeviceIdentity;
import io.teeio.spdm.cert.DeviceIds;
import io.teeio.spdm.cert.IdentityGenerator;
import io.teeio.spdm.cert.IdentitySpec;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.connection.Negotiated;
import io.teeio.spdm.crypto.BaseAsymAlgo;
import io.teeio.spdm.crypto.JcaSpdmCrypto;
import io.teeio.spdm.requester.CertificateChainResult;
import io.teeio.spdm.requester.ChallengeResult;
import io.teeio.spdm.requester.MeasurementResult;
import io.teeio.spdm.requester.RequesterConfig;
import io.teeio.spdm.requester.SpdmRequester;
import io.teeio.spdm.requester.SpdmRequesterException;
import io.teeio.spdm.responder.ResponderConfig;
import io.teeio.spdm.responder.SpdmResponder;
import io.teeio.spdm.transport.InMemoryTransport;
import io.teeio.trace.TimeSource;
import io.teeio.trace.TraceSink;
import io.teeio.trace.Tracer;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code teeio demo}: runs the life of a TDI end to end on the emulated platform. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Authenticate the emulated device's SPDM responder in memory and narrate each step.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--seed", description = "Seed for keys, nonces and identities (default: ${DEFAULT-VALUE}).",
            defaultValue = "1")
    long seed;

    @Option(names = "--asym", description = "Device signing algorithm: ${COMPLETION-CANDIDATES} "
            + "(default: ${DEFAULT-VALUE}).", defaultValue = "TPM_ALG_ECDSA_ECC_NIST_P384")
    BaseAsymAlgo asym;

    @Option(names = "--quiet", description = "Print only the summary.")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        TraceSink sink = quiet ? TraceSink.NONE : new NarratedTextSink(out);
        Tracer tracer = new Tracer(sink, TimeSource.SYSTEM);
        DeviceIds ids = new DeviceIds(0x8086, 0x0b25, 0x120000, 0x01, 0x8086, 0x0000);
        out.println("teeio demo: an SPDM requester authenticates the emulated device's responder (in memory)");
        out.println("  device identity: " + asym + ", generated from seed " + seed);
        DeviceIdentity identity = new IdentityGenerator().generate(IdentitySpec.responder(asym, seed, ids));
        SpdmResponder responder = new SpdmResponder(ResponderConfig.builder().slot(0, identity).name("device DSM")
                .build(), new JcaSpdmCrypto(JcaSpdmCrypto.seededRandom(seed + 1)), tracer);
        SpdmRequester requester = new SpdmRequester(RequesterConfig.builder().name("TSM")
                .trustAnchors(List.of(identity.chain().root())).build(),
                InMemoryTransport.plain(responder::respond),
                new JcaSpdmCrypto(JcaSpdmCrypto.seededRandom(seed + 2)), tracer);
        try {
            out.println();
            out.println("Step 1. VCA: agree on the SPDM version, capabilities and algorithms");
            Negotiated n = requester.connect();
            out.println("Step 2. Digests and certificate chain, verified to the trust anchor");
            requester.getDigests();
            CertificateChainResult chain = requester.getCertificate(0);
            out.println("Step 3. CHALLENGE: the device signs the transcript with its slot 0 key");
            ChallengeResult challenge = requester.challenge(0, 0xFF);
            out.println("Step 4. Measurements, signed over L1/L2");
            MeasurementResult m = requester.getMeasurements(0xFF, true, 0, false);
            out.println();
            out.println("Summary");
            out.printf("  SPDM version          %s%n", n.version());
            out.printf("  algorithms            %s%n", n.describeAlgorithms());
            out.printf("  slot 0 leaf subject   %s%n", chain.leafSubject());
            out.printf("  chain verified        %s%n", chain.verified().isPresent() ? "yes, to "
                    + chain.verified().get().anchor().getSubjectX500Principal().getName() : "no");
            out.printf("  measurements          %d blocks, signature verified%n", m.blocks().size());
            out.printf("  summary hash (all)    %s%n", hex(challenge.measurementSummaryHash()));
            return 0;
        } catch (SpdmRequesterException e) {
            out.println("FAILED at " + e.step() + ": " + e.getMessage());
            return 1;
        }
    }

    private static String hex(Bytes b) {
        return b.isEmpty() ? "(none)" : b.toHex();
    }
}
