package io.teeio.spdm.cert;

import io.teeio.spdm.crypto.BaseAsymAlgo;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.math.ec.ECPoint;

/** Which SPDM asymmetric algorithms a key can serve, and whether a private key belongs to a public key. */
final class AsymKeys {
    private AsymKeys() {
    }

    /** The SPDM algorithms a public key fits (an RSA key fits both RSASSA and RSAPSS of its size). */
    static Set<BaseAsymAlgo> fitting(PublicKey key) {
        try {
            AlgorithmIdentifier alg = SubjectPublicKeyInfo.getInstance(key.getEncoded()).getAlgorithm();
            return fitting(alg, key instanceof RSAKey r ? r.getModulus() : null);
        } catch (RuntimeException e) {
            return EnumSet.noneOf(BaseAsymAlgo.class);
        }
    }

    /** The SPDM algorithms a private key fits. */
    static Set<BaseAsymAlgo> fitting(PrivateKey key) {
        try {
            AlgorithmIdentifier alg = PrivateKeyInfo.getInstance(key.getEncoded()).getPrivateKeyAlgorithm();
            return fitting(alg, key instanceof RSAKey r ? r.getModulus() : null);
        } catch (RuntimeException e) {
            return EnumSet.noneOf(BaseAsymAlgo.class);
        }
    }

    private static Set<BaseAsymAlgo> fitting(AlgorithmIdentifier alg, BigInteger modulus) {
        EnumSet<BaseAsymAlgo> out = EnumSet.noneOf(BaseAsymAlgo.class);
        ASN1ObjectIdentifier oid = alg.getAlgorithm();
        if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            curveOf(alg).flatMap(AsymKeys::ecdsaFor).ifPresent(out::add);
        } else if (modulus != null && (oid.equals(PKCSObjectIdentifiers.rsaEncryption)
                || oid.equals(PKCSObjectIdentifiers.id_RSASSA_PSS))) {
            boolean pssOnly = oid.equals(PKCSObjectIdentifiers.id_RSASSA_PSS);
            for (BaseAsymAlgo a : BaseAsymAlgo.values()) {
                boolean familyOk = a.family() == BaseAsymAlgo.Family.RSAPSS
                        || (a.family() == BaseAsymAlgo.Family.RSASSA && !pssOnly);
                if (familyOk && a.keyBits() == modulus.bitLength()) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    /** The preferred algorithm for a key (SPDM priority order), if any fits. */
    static Optional<BaseAsymAlgo> preferred(Set<BaseAsymAlgo> fitting) {
        return BaseAsymAlgo.PRIORITY.stream().filter(fitting::contains).findFirst();
    }

    static Optional<BaseAsymAlgo> ecdsaFor(ASN1ObjectIdentifier curve) {
        if (curve.equals(SECObjectIdentifiers.secp256r1)) {
            return Optional.of(BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P256);
        }
        if (curve.equals(SECObjectIdentifiers.secp384r1)) {
            return Optional.of(BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P384);
        }
        if (curve.equals(SECObjectIdentifiers.secp521r1)) {
            return Optional.of(BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P521);
        }
        return Optional.empty();
    }

    private static Optional<ASN1ObjectIdentifier> curveOf(AlgorithmIdentifier alg) {
        return alg.getParameters() instanceof ASN1ObjectIdentifier c ? Optional.of(c) : Optional.empty();
    }

    /** A short human description of a key: "EC secp384r1", "RSA 3072", "Ed25519". Never key material. */
    static String describe(PublicKey key) {
        try {
            AlgorithmIdentifier alg = SubjectPublicKeyInfo.getInstance(key.getEncoded()).getAlgorithm();
            return describe(key.getAlgorithm(), alg, key instanceof RSAKey r ? r.getModulus() : null);
        } catch (RuntimeException e) {
            return key.getAlgorithm();
        }
    }

    static String describe(PrivateKey key) {
        try {
            AlgorithmIdentifier alg = PrivateKeyInfo.getInstance(key.getEncoded()).getPrivateKeyAlgorithm();
            return describe(key.getAlgorithm(), alg, key instanceof RSAKey r ? r.getModulus() : null);
        } catch (RuntimeException e) {
            return key.getAlgorithm();
        }
    }

    private static String describe(String jcaName, AlgorithmIdentifier alg, BigInteger modulus) {
        if (alg.getAlgorithm().equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            return "EC " + curveOf(alg).map(AsymKeys::curveName).orElse("(explicit curve parameters)");
        }
        if (modulus != null) {
            return "RSA " + modulus.bitLength();
        }
        return jcaName;
    }

    /** The SEC name ("secp256r1", as JCA and DSP0274 call it) where there is one. */
    static String curveName(ASN1ObjectIdentifier curve) {
        String name = SECNamedCurves.getName(curve);
        if (name == null) {
            name = ECNamedCurveTable.getName(curve);
        }
        return name != null ? name : curve.getId();
    }

    /** True when {@code priv} is the private half of {@code pub}. */
    static boolean matches(PrivateKey priv, PublicKey pub) {
        try {
            if (priv instanceof RSAKey rp && pub instanceof RSAPublicKey rpub) {
                if (!rp.getModulus().equals(rpub.getModulus())) {
                    return false;
                }
                return !(priv instanceof RSAPrivateCrtKey crt) || crt.getPublicExponent().equals(rpub.getPublicExponent());
            }
            if (priv instanceof ECPrivateKey ep && pub instanceof ECPublicKey epub) {
                AlgorithmIdentifier alg = PrivateKeyInfo.getInstance(priv.getEncoded()).getPrivateKeyAlgorithm();
                AlgorithmIdentifier pubAlg = SubjectPublicKeyInfo.getInstance(pub.getEncoded()).getAlgorithm();
                Optional<ASN1ObjectIdentifier> curve = curveOf(alg);
                if (curve.isEmpty() || !curve.equals(curveOf(pubAlg))) {
                    return false;
                }
                X9ECParameters params = ECNamedCurveTable.getByOID(curve.get());
                if (params == null) {
                    return false;
                }
                ECPoint q = params.getG().multiply(ep.getS()).normalize();
                return q.getAffineXCoord().toBigInteger().equals(epub.getW().getAffineX())
                        && q.getAffineYCoord().toBigInteger().equals(epub.getW().getAffineY());
            }
            return false;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
