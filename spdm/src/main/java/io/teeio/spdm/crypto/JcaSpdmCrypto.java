package io.teeio.spdm.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * {@link SpdmCrypto} over the JCA: hashes and HMAC from the JDK, signatures from BouncyCastle's provider
 * (its P-384 is several times faster than the JDK's, and it signs ECDSA in the plain r||s form SPDM uses).
 * The provider instance is private to this object, never registered globally.
 */
public final class JcaSpdmCrypto implements SpdmCrypto {
    private final Provider bc;
    private final SecureRandom random;

    public JcaSpdmCrypto(SecureRandom random) {
        this(new BouncyCastleProvider(), random);
    }

    public JcaSpdmCrypto(Provider bc, SecureRandom random) {
        this.bc = bc;
        this.random = random;
    }

    /** A deterministic random source for replayable runs ({@code --seed}). */
    public static SecureRandom seededRandom(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            // SHA1PRNG seeded before its first output is a pure function of the seed.
            r.setSeed(seed);
            return r;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA1PRNG missing from this JDK", e);
        }
    }

    private static MessageDigest digest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(name + " missing from this JDK", e);
        }
    }

    @Override
    public byte[] hash(BaseHashAlgo algo, byte[] data) {
        return digest(algo.jcaName()).digest(data);
    }

    @Override
    public HashContext newHash(BaseHashAlgo algo) {
        MessageDigest md = digest(algo.jcaName());
        return new HashContext() {
            @Override
            public void update(byte[] data) {
                md.update(data);
            }

            @Override
            public byte[] digestSoFar() {
                try {
                    return ((MessageDigest) md.clone()).digest();
                } catch (CloneNotSupportedException e) {
                    throw new IllegalStateException("JDK digest not cloneable", e);
                }
            }
        };
    }

    @Override
    public byte[] measurementHash(MeasurementHashAlgo algo, byte[] data) {
        if (algo.jcaName() == null) {
            throw new IllegalArgumentException("raw bit stream measurements are not hashed");
        }
        return digest(algo.jcaName()).digest(data);
    }

    @Override
    public byte[] hmac(BaseHashAlgo algo, byte[] key, byte[] data) {
        String name = "Hmac" + algo.jcaName().replace("-", "");
        try {
            Mac mac = Mac.getInstance(name);
            mac.init(new SecretKeySpec(key, name));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(name + " unavailable", e);
        }
    }

    private Signature signature(BaseAsymAlgo asym, BaseHashAlgo hash) throws GeneralSecurityException {
        String h = hash.jcaName().replace("-", "");
        return switch (asym.family()) {
            case ECDSA -> Signature.getInstance(h + "withPLAIN-ECDSA", bc);
            case RSASSA -> Signature.getInstance(h + "withRSA", bc);
            case RSAPSS -> {
                Signature s = Signature.getInstance("RSASSA-PSS", bc);
                // libspdm: MGF1 with the same hash, salt length = hash length.
                s.setParameter(new PSSParameterSpec(hash.jcaName(), "MGF1",
                        new MGF1ParameterSpec(hash.jcaName()), hash.size(), 1));
                yield s;
            }
        };
    }

    @Override
    public byte[] sign(BaseAsymAlgo asym, BaseHashAlgo hash, PrivateKey key, byte[] message) {
        try {
            Signature s = signature(asym, hash);
            s.initSign(key, random);
            s.update(message);
            byte[] sig = s.sign();
            if (sig.length != asym.signatureSize()) {
                throw new IllegalStateException(asym + " produced a " + sig.length + "-byte signature, expected "
                        + asym.signatureSize() + " (key does not match the algorithm?)");
            }
            return sig;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + asym + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean verify(BaseAsymAlgo asym, BaseHashAlgo hash, PublicKey key, byte[] message, byte[] signature) {
        if (signature.length != asym.signatureSize()) {
            return false;
        }
        try {
            Signature s = signature(asym, hash);
            s.initVerify(key);
            s.update(message);
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            // A key of the wrong type or a garbled signature is simply "does not verify".
            return false;
        }
    }

    @Override
    public void randomBytes(byte[] out) {
        random.nextBytes(out);
    }
}
