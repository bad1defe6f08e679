package io.teeio.bench;

import io.teeio.spdm.cert.DeviceIdentity;
import io.teeio.spdm.cert.IdentityGenerator;
import io.teeio.spdm.cert.IdentitySpec;
import io.teeio.spdm.connection.SigningContext;
import io.teeio.spdm.crypto.CryptoProviders;
import io.teeio.spdm.crypto.DheKeyPair;
import io.teeio.spdm.crypto.DhePublicValueException;
import io.teeio.spdm.crypto.JcaSpdmCrypto;
import io.teeio.spdm.crypto.SecretBytes;
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
import org.openjdk.jmh.annotations.TearDown;

/**
 * Each asymmetric operation of a connection through {@link JcaSpdmCrypto}, with every operation served by the
 * JDK (SunEC) or by BouncyCastle. The keys are the ones a connection holds: the responder's private key as the
 * identity generator made it, the public key as parsed from the leaf certificate; the signed message is the
 * SPDM 1.2 form, 100-byte combined prefix || transcript hash.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AsymBenchmark {

    /** Which provider serves every asymmetric operation. */
    public enum Provider { JDK, BC }

    @Param({"P256", "P384", "P521"})
    public Suite suite;

    @Param({"JDK", "BC"})
    public Provider provider;

    private SpdmCrypto crypto;
    private PrivateKey privateKey;
    private PublicKey publicKey;
    private byte[] message;
    private byte[] signature;
    private DheKeyPair own;
    private byte[] peerPublicValue;

    @Setup
    public void setUp() {
        CryptoProviders providers = provider == Provider.JDK ? CryptoProviders.jdk() : CryptoProviders.bouncyCastle();
        crypto = new JcaSpdmCrypto(providers, new SecureRandom());
        DeviceIdentity identity = new IdentityGenerator().generate(IdentitySpec.responder(suite.asym(), 42, Peers.IDS));
        privateKey = identity.privateKey();
        publicKey = identity.chain().leaf().getPublicKey();
        message = SigningContext.RESPONDER_KEY_EXCHANGE_RSP.messageToSign(SpdmVersion.V1_2,
                crypto.hash(suite.hash(), Peers.payload(1000).toByteArray()));
        signature = crypto.sign(suite.asym(), suite.hash(), privateKey, message);
        own = crypto.generateDheKeyPair(suite.dhe());
        try (DheKeyPair peer = crypto.generateDheKeyPair(suite.dhe())) {
            peerPublicValue = peer.publicValue();
        }
    }

    @TearDown
    public void tearDown() {
        own.destroy();
    }

    @Benchmark
    public byte[] sign() {
        return crypto.sign(suite.asym(), suite.hash(), privateKey, message);
    }

    @Benchmark
    public boolean verify() {
        if (!crypto.verify(suite.asym(), suite.hash(), publicKey, message, signature)) {
            throw new IllegalStateException("signature made in setUp does not verify");
        }
        return true;
    }

    @Benchmark
    public int ecdhAgree() throws DhePublicValueException {
        SecretBytes z = own.agree(peerPublicValue);
        int n = z.length();
        z.destroy();
        return n;
    }

    @Benchmark
    public byte[] keyPairGeneration() {
        try (DheKeyPair kp = crypto.generateDheKeyPair(suite.dhe())) {
            return kp.publicValue();
        }
    }
}
