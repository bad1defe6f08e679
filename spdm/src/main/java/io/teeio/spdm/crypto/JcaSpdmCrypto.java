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
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@link SpdmCrypto} over the JCA: hashes, HMAC and AEAD from the JDK; each asymmetric operation (ECDSA sign,
 * ECDSA verify, ECDH key generation, ECDH agreement, RSA) from the provider {@link CryptoProviders} names for
 * it, by default the one measured faster ({@link CryptoProviders#measuredDefault()}).
 */
public final class JcaSpdmCrypto implements SpdmCrypto {
    private final CryptoProviders providers;
    private final SecureRandom random;

    /** With {@link CryptoProviders#measuredDefault()}. */
    public JcaSpdmCrypto(SecureRandom random) {
        this(CryptoProviders.measuredDefault(), random);
    }

    /** Every asymmetric operation from {@code provider}. */
    public JcaSpdmCrypto(Provider provider, SecureRandom random) {
        this(CryptoProviders.all(provider), random);
    }

    public JcaSpdmCrypto(CryptoProviders providers, SecureRandom random) {
        this.providers = Objects.requireNonNull(providers, "providers");
        this.random = Objects.requireNonNull(random, "random");
    }

    public CryptoProviders providers() {
        return providers;
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

    private Signature signature(BaseAsymAlgo asym, BaseHashAlgo hash, CryptoProviders.Operation ecdsaOp)
            throws GeneralSecurityException {
        String h = hash.jcaName().replace("-", "");
        return switch (asym.family()) {
            case ECDSA -> plainEcdsa(h, providers.provider(ecdsaOp));
            case RSASSA -> Signature.getInstance(h + "withRSA", providers.rsa());
            case RSAPSS -> {
                Signature s = Signature.getInstance("RSASSA-PSS", providers.rsa());
                // libspdm: MGF1 with the same hash, salt length = hash length.
                s.setParameter(new PSSParameterSpec(hash.jcaName(), "MGF1",
                        new MGF1ParameterSpec(hash.jcaName()), hash.size(), 1));
                yield s;
            }
        };
    }

    /** ECDSA with r||s output: BouncyCastle calls it PLAIN-ECDSA, the JDK ECDSAinP1363Format. */
    private static Signature plainEcdsa(String hash, Provider provider) throws NoSuchAlgorithmException {
        try {
            return Signature.getInstance(hash + "withPLAIN-ECDSA", provider);
        } catch (NoSuchAlgorithmException e) {
            return Signature.getInstance(hash + "withECDSAinP1363Format", provider);
        }
    }

    @Override
    public byte[] sign(BaseAsymAlgo asym, BaseHashAlgo hash, PrivateKey key, byte[] message) {
        try {
            Signature s = signature(asym, hash, CryptoProviders.Operation.ECDSA_SIGN);
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
            Signature s = signature(asym, hash, CryptoProviders.Operation.ECDSA_VERIFY);
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

    // ---- Session cryptography: ECDHE (per CryptoProviders), HKDF (JDK HMAC), AEAD (JDK AES-GCM, ChaCha20-Poly1305) ----

    @Override
    public DheKeyPair generateDheKeyPair(DheGroup group) {
        return JcaDheKeyPair.generate(group, providers.ecdhKeyGeneration(), providers.ecdhAgreement(), random);
    }

    @Override
    public byte[] hkdfExtract(BaseHashAlgo algo, byte[] salt, byte[] ikm) {
        // RFC 5869 2.2: a missing salt is HashLen zeros (and the JCA refuses an empty HMAC key).
        return hmac(algo, salt.length == 0 ? new byte[algo.size()] : salt, ikm);
    }

    @Override
    public byte[] hkdfExpand(BaseHashAlgo algo, byte[] prk, byte[] info, int length) {
        if (length < 0 || length > 255 * algo.size()) {
            throw new IllegalArgumentException("HKDF-Expand length " + length + " outside 0.." + 255 * algo.size());
        }
        String name = "Hmac" + algo.jcaName().replace("-", "");
        Mac mac;
        try {
            mac = Mac.getInstance(name);
            mac.init(new SecretKeySpec(prk, name));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(name + " unavailable", e);
        }
        byte[] out = new byte[length];
        byte[] t = new byte[0];
        for (int i = 1, pos = 0; pos < length; i++) {
            mac.update(t);
            mac.update(info);
            mac.update((byte) i);
            Arrays.fill(t, (byte) 0);
            t = mac.doFinal();
            int n = Math.min(t.length, length - pos);
            System.arraycopy(t, 0, out, pos, n);
            pos += n;
        }
        Arrays.fill(t, (byte) 0);
        return out;
    }

    @Override
    public byte[] aeadSeal(AeadAlgo algo, byte[] key, byte[] iv, byte[] aad, byte[] plaintext) {
        try {
            javax.crypto.Cipher c = aeadCipher(algo, javax.crypto.Cipher.ENCRYPT_MODE, key, iv);
            c.updateAAD(aad);
            return c.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algo + " encryption unavailable", e);
        }
    }

    @Override
    public byte[] aeadOpen(AeadAlgo algo, byte[] key, byte[] iv, byte[] aad, byte[] ciphertextAndTag)
            throws AeadAuthenticationException {
        javax.crypto.Cipher c;
        try {
            c = aeadCipher(algo, javax.crypto.Cipher.DECRYPT_MODE, key, iv);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algo + " decryption unavailable", e);
        }
        if (ciphertextAndTag.length < AEAD_TAG_SIZE) {
            throw new AeadAuthenticationException(algo + ": " + ciphertextAndTag.length
                    + " bytes cannot hold a " + AEAD_TAG_SIZE + "-byte tag");
        }
        try {
            c.updateAAD(aad);
            return c.doFinal(ciphertextAndTag);
        } catch (GeneralSecurityException e) {
            // AEADBadTagException in practice; any failure to open is an authentication failure to the caller.
            throw new AeadAuthenticationException(algo + ": tag does not verify");
        }
    }

    private static javax.crypto.Cipher aeadCipher(AeadAlgo algo, int mode, byte[] key, byte[] iv)
            throws GeneralSecurityException {
        if (key.length != algo.keySize()) {
            throw new IllegalArgumentException(algo + " key must be " + algo.keySize() + " bytes, got " + key.length);
        }
        if (iv.length != AEAD_IV_SIZE) {
            throw new IllegalArgumentException(algo + " IV must be " + AEAD_IV_SIZE + " bytes, got " + iv.length);
        }
        javax.crypto.Cipher c;
        switch (algo) {
            case AES_128_GCM, AES_256_GCM -> {
                c = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
                c.init(mode, new SecretKeySpec(key, "AES"),
                        new javax.crypto.spec.GCMParameterSpec(8 * AEAD_TAG_SIZE, iv));
            }
            case CHACHA20_POLY1305 -> {
                c = javax.crypto.Cipher.getInstance("ChaCha20-Poly1305");
                c.init(mode, new SecretKeySpec(key, "ChaCha20"), new javax.crypto.spec.IvParameterSpec(iv));
            }
            default -> throw new IllegalArgumentException("unsupported AEAD " + algo);
        }
        return c;
    }
}
