package io.teeio.bench;

import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.crypto.JcaSpdmCrypto;
import io.teeio.spdm.message.VendorDefined;
import io.teeio.spdm.requester.SpdmRequester;
import io.teeio.spdm.requester.SpdmRequesterException;
import io.teeio.spdm.requester.SpdmSession;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * VENDOR_DEFINED request and response in one open session (P-384, SHA-384, AES-256-GCM, PCI DOE binding),
 * the responder echoing the payload: two seals and two opens per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SecuredRoundTripBenchmark {

    @Param({"64", "4096"})
    public int payloadBytes;

    private SpdmSession session;
    private Bytes payload;

    @Setup
    public void setUp() throws SpdmRequesterException {
        Peers peers = new Peers(Suite.P384, new JcaSpdmCrypto(new SecureRandom()),
                new JcaSpdmCrypto(new SecureRandom()));
        SpdmRequester requester = peers.newPair();
        requester.connect();
        requester.getDigests();
        requester.getCertificate(0);
        session = requester.openSession(0, 0);
        payload = Peers.payload(payloadBytes);
    }

    @TearDown
    public void tearDown() throws SpdmRequesterException {
        session.close();
    }

    @Benchmark
    public Bytes roundTrip() throws SpdmRequesterException {
        return session.vendorDefined(VendorDefined.STANDARD_ID_PCI_SIG, VendorDefined.PCI_SIG_VENDOR_ID, payload);
    }
}
