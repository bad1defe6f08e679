package io.teeio.cli.bench;

import io.teeio.spdm.cert.DeviceIdentity;
import io.teeio.spdm.connection.SigningContext;
import io.teeio.spdm.crypto.BaseAsymAlgo;
import io.teeio.spdm.crypto.BaseHashAlgo;
import io.teeio.spdm.crypto.DheGroup;
import io.teeio.spdm.crypto.DheKeyPair;
import io.teeio.spdm.crypto.SecretBytes;
import io.teeio.spdm.crypto.SpdmCrypto;
import io.teeio.spdm.message.SpdmVersion;
import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * The asymmetric operations of a connection on one {@link SpdmCrypto}, with the keys a connection holds: the
 * private key as the identity generator made it, the public key as parsed from the leaf certificate. The
 * signed message is the SPDM 1.2 form, 100-byte combined prefix || transcript hash.
 */
final class AsymWorkload {
    private final SpdmCrypto crypto;
    private final BaseAsymAlgo asym;
    private final BaseHashAlgo hash;
    private final DheGroup dhe;
    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final byte[] message;
    private final byte[] signature;

    AsymWorkload(SpdmCrypto crypto, BaseAsymAlgo asym, BaseHashAlgo hash, DheGroup dhe, PrivateKey privateKey,
            PublicKey publicKey) {
        this.crypto = crypto;
        this.asym = asym;
        this.hash = hash;
        this.dhe = dhe;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.message = SigningContext.RESPONDER_KEY_EXCHANGE_RSP.messageToSign(SpdmVersion.V1_2,
                crypto.hash(hash, InMemoryPeers.payload(1000).toByteArray()));
        this.signature = crypto.sign(asym, hash, privateKey, message);
    }

    static AsymWorkload ecdsa(SpdmCrypto crypto, Suite suite, DeviceIdentity identity) {
        return new AsymWorkload(crypto, suite.asym(), suite.hash(), suite.dhe(), identity.privateKey(),
                identity.chain().leaf().getPublicKey());
    }

    /** The timed form of {@code op}. */
    Harness.Operation operation(AsymOperation op) {
        return switch (op) {
            case SIGN, RSA_SIGN -> this::sign;
            case VERIFY, RSA_VERIFY -> this::verify;
            case ECDH -> agreement();
            case KEY_GENERATION -> this::generate;
        };
    }

    private void sign() {
        crypto.sign(asym, hash, privateKey, message);
    }

    private void verify() {
        if (!crypto.verify(asym, hash, publicKey, message, signature)) {
            throw new IllegalStateException(asym + " signature made at set-up does not verify");
        }
    }

    private void generate() {
        crypto.generateDheKeyPair(dhe).destroy();
    }

    /** Agreement with one own key pair and one peer value, made once; the key pair lives with the workload. */
    private Harness.Operation agreement() {
        DheKeyPair own = crypto.generateDheKeyPair(dhe);
        byte[] peer;
        try (DheKeyPair other = crypto.generateDheKeyPair(dhe)) {
            peer = other.publicValue();
        }
        return () -> {
            SecretBytes z = own.agree(peer);
            z.destroy();
        };
    }
}
