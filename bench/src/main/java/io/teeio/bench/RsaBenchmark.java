package io.teeio.bench;

import io.teeio.spdm.cert.DeviceIdentity;
import io.teeio.spdm.cert.IdentityGenerator;
import io.teeio.spdm.cert.IdentitySpec;
import io.teeio.spdm.connection.SigningContext;
import io.teeio.spdm.crypto.BaseAsymAlgo;
import io.teeio.spdm.crypto.BaseHashAlgo;
import io.teeio.spdm.crypto.CryptoProviders;
import io.teeio.spdm.crypto.JcaSpdmCrypto;
import io.teeio.spdm.crypto.SpdmCrypto;
import io.teeio.spdm.message.SpdmVersion;
import java.security.PrivateKey;
import java.security.PublicKey;
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

/** RSASSA and RSAPSS sign and verify through {@link JcaSpdmCrypto}, JDK (SunRsaSign) against BouncyCastle. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RsaBenchmark {

    @Param({"TPM_ALG_RSASSA_3072", "TPM_ALG_RSAPSS_3072"})
    public BaseAsymAlgo algo;

    @Param({"JDK", "BC"})
    public AsymBenchmark.Provider provider;

    private static final BaseHashAlgo HASH = BaseHashAlgo.TPM_ALG_SHA_384;

    private SpdmCrypto crypto;
    private PrivateKey privateKey;
    private PublicKey publicKey;
    private byte[] message;
    private byte[] signature;

    @Setup
    public void setUp() {
        CryptoProviders providers = provider == AsymBenchmark.Provider.JDK ? CryptoProviders.jdk()
                : CryptoProviders.bouncyCastle();
        crypto = new JcaSpdmCrypto(providers, new SecureRandom());
        DeviceIdentity identity = new IdentityGenerator().generate(IdentitySpec.responder(algo, 42, Peers.IDS));
        privateKey = identity.privateKey();
        publicKey = identity.chain().leaf().getPublicKey();
        message = SigningContext.RESPONDER_KEY_EXCHANGE_RSP.messageToSign(SpdmVersion.V1_2,
                crypto.hash(HASH, Peers.payload(1000).toByteArray()));
        signature = crypto.sign(algo, HASH, privateKey, message);
    }

    @Benchmark
    public byte[] sign() {
        return crypto.sign(algo, HASH, privateKey, message);
    }

    @Benchmark
    public boolean verify() {
        if (!crypto.verify(algo, HASH, publicKey, message, signature)) {
            throw new IllegalStateException("signature made in setUp does not verify");
        }
        return true;
    }
}
