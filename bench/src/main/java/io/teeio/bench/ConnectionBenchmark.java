package io.teeio.bench;

import io.teeio.spdm.crypto.JcaSpdmCrypto;
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

/**
 * One full connection per operation, in memory: VCA, GET_DIGESTS, GET_CERTIFICATE (chain verified to the
 * root), signed GET_MEASUREMENTS of all blocks, KEY_EXCHANGE/FINISH and END_SESSION.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ConnectionBenchmark {

    @Param({"P256", "P384"})
    public Suite suite;

    private Peers peers;

    @Setup
    public void setUp() {
        peers = new Peers(suite, new JcaSpdmCrypto(new SecureRandom()), new JcaSpdmCrypto(new SecureRandom()));
    }

    @Benchmark
    public int fullConnection() throws SpdmRequesterException {
        SpdmRequester requester = peers.newPair();
        requester.connect();
        requester.getDigests();
        requester.getCertificate(0);
        int blocks = requester.getMeasurements(0xFF, true, 0, false).blocks().size();
        try (SpdmSession session = requester.openSession(0, 0)) {
            return blocks + session.id().requesterHalf();
        }
    }
}
