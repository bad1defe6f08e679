package io.teeio.spdm.crypto;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import javax.crypto.KeyAgreement;

/**
 * ECDHE over JCA providers: one generates the key pair, one (maybe another) computes the agreement. The
 * private scalar is kept as our own fixed-width array (the one copy that lives as long as the key pair, and
 * the one {@link #destroy()} can zero); the JCA key objects built from it for an agreement are short-lived.
 */
final class JcaDheKeyPair implements DheKeyPair {
    private final DheGroup group;
    private final Provider agreement;
    private final byte[] publicValue;
    private final byte[] privateScalar;
    private boolean destroyed;

    private JcaDheKeyPair(DheGroup group, Provider agreement, byte[] publicValue, byte[] privateScalar) {
        this.group = group;
        this.agreement = agreement;
        this.publicValue = publicValue;
        this.privateScalar = privateScalar;
    }

    static JcaDheKeyPair generate(DheGroup group, Provider keyGeneration, Provider agreement, SecureRandom random) {
        try {
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC", keyGeneration);
            kpg.initialize(new ECGenParameterSpec(curveName(group)), random);
            KeyPair kp = kpg.generateKeyPair();
            ECPublicKey pub = (ECPublicKey) kp.getPublic();
            ECPrivateKey priv = (ECPrivateKey) kp.getPrivate();
            int c = coordinateSize(group);
            byte[] value = new byte[2 * c];
            fixedWidth(pub.getW().getAffineX(), value, 0, c);
            fixedWidth(pub.getW().getAffineY(), value, c, c);
            byte[] scalar = new byte[c];
            fixedWidth(priv.getS(), scalar, 0, c);
            return new JcaDheKeyPair(group, agreement, value, scalar);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + group + " key pair", e);
        }
    }

    static String curveName(DheGroup group) {
        return switch (group) {
            case SECP256R1 -> "secp256r1";
            case SECP384R1 -> "secp384r1";
            case SECP521R1 -> "secp521r1";
        };
    }

    /** C: the byte size of one coordinate and of the shared secret. */
    static int coordinateSize(DheGroup group) {
        return group.publicKeySize() / 2;
    }

    @Override
    public DheGroup group() {
        return group;
    }

    @Override
    public byte[] publicValue() {
        return publicValue.clone();
    }

    @Override
    public SecretBytes agree(byte[] peerPublicValue) throws DhePublicValueException {
        if (destroyed) {
            throw new IllegalStateException(group + " key pair was destroyed");
        }
        // The agreement provider's own form of the curve: a foreign ECParameterSpec may cost it a slow path.
        ECParameterSpec params = curveParameters();
        ECPoint peer = decodePoint(peerPublicValue, params);
        byte[] z;
        try {
            KeyFactory kf = KeyFactory.getInstance("EC", agreement);
            PublicKey peerKey = kf.generatePublic(new ECPublicKeySpec(peer, params));
            PrivateKey own = kf.generatePrivate(new ECPrivateKeySpec(new BigInteger(1, privateScalar), params));
            KeyAgreement ka = KeyAgreement.getInstance("ECDH", agreement);
            ka.init(own);
            ka.doPhase(peerKey, true);
            z = ka.generateSecret();
        } catch (GeneralSecurityException | RuntimeException e) {
            // decodePoint already validated the point, so this is the provider refusing it for its own reasons.
            throw new DhePublicValueException(group + " exchange data rejected by the key agreement");
        }
        int c = coordinateSize(group);
        if (z.length == c) {
            return SecretBytes.wrap(z);
        }
        byte[] out = new byte[c];
        fixedWidth(new BigInteger(1, z), out, 0, c);
        Arrays.fill(z, (byte) 0);
        return SecretBytes.wrap(out);
    }

    private ECParameterSpec curveParameters() {
        try {
            AlgorithmParameters p = AlgorithmParameters.getInstance("EC", agreement);
            p.init(new ECGenParameterSpec(curveName(group)));
            return p.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(agreement.getName() + " has no " + curveName(group) + " parameters", e);
        }
    }

    /** X||Y to a point, checking what the wire can get wrong: size, coordinate range, curve equation. */
    private ECPoint decodePoint(byte[] v, ECParameterSpec params) throws DhePublicValueException {
        if (v == null || v.length != group.publicKeySize()) {
            throw new DhePublicValueException(group + " exchange data must be " + group.publicKeySize()
                    + " bytes, got " + (v == null ? "none" : v.length));
        }
        int c = coordinateSize(group);
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(v, 0, c));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(v, c, 2 * c));
        BigInteger p = ((ECFieldFp) params.getCurve().getField()).getP();
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            throw new DhePublicValueException(group + " exchange data: coordinate not below the field prime");
        }
        BigInteger lhs = y.multiply(y).mod(p);
        BigInteger rhs = x.multiply(x).multiply(x)
                .add(params.getCurve().getA().multiply(x))
                .add(params.getCurve().getB()).mod(p);
        if (!lhs.equals(rhs)) {
            throw new DhePublicValueException(group + " exchange data is not a point on the curve");
        }
        // The NIST curves have cofactor 1: every curve point other than infinity (which X||Y cannot
        // express) lies in the prime-order group, so no subgroup check is needed.
        return new ECPoint(x, y);
    }

    private static void fixedWidth(BigInteger v, byte[] out, int offset, int size) {
        byte[] b = v.toByteArray();
        int skip = 0;
        while (b.length - skip > size && b[skip] == 0) {
            skip++;
        }
        int len = b.length - skip;
        if (len > size) {
            throw new IllegalStateException("value wider than " + size + " bytes");
        }
        System.arraycopy(b, skip, out, offset + size - len, len);
        Arrays.fill(b, (byte) 0);
    }

    @Override
    public void destroy() {
        Arrays.fill(privateScalar, (byte) 0);
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "DheKeyPair[" + group + (destroyed ? ", destroyed]" : "]");
    }
}
