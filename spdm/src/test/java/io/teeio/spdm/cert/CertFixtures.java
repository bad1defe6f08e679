package io.teeio.spdm.cert;

import io.teeio.spdm.codec.SpdmDecodeException;
import io.teeio.spdm.crypto.BaseAsymAlgo;
import io.teeio.spdm.crypto.BaseHashAlgo;
import io.teeio.spdm.crypto.JcaSpdmCrypto;
import io.teeio.spdm.vectors.LibspdmVectors;
import io.teeio.spdm.vectors.LibspdmVectors.Run;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Test-only helpers: libspdm vector chains, key encodings in every file form, and ad-hoc certificates. */
final class CertFixtures {
    /** An instant at which every libspdm vector certificate and every generated certificate is valid. */
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    static final DeviceIds IDS = new DeviceIds(0x8086, 0x0d5c, 0x120000, 0x01, 0x8086, 0x0000);

    private CertFixtures() {
    }

    static SpdmCertChain vectorChain(Run run, int slot) {
        try {
            return SpdmCertChain.ofDer(LibspdmVectors.certChainDer(run, slot));
        } catch (SpdmDecodeException e) {
            throw new AssertionError(e);
        }
    }

    static X509Certificate vectorRoot(Run run, int slot) {
        try {
            return DerCertificates.parse(LibspdmVectors.rootCaDer(run, slot), 0, 0);
        } catch (SpdmDecodeException e) {
            throw new AssertionError(e);
        }
    }

    static BaseHashAlgo hashOf(Run run) {
        return run == Run.B_ECDSA_P256 ? BaseHashAlgo.TPM_ALG_SHA_256 : BaseHashAlgo.TPM_ALG_SHA_384;
    }

    static BaseAsymAlgo asymOf(Run run) {
        return switch (run) {
            case B_ECDSA_P256 -> BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P256;
            case C_RSAPSS3072 -> BaseAsymAlgo.TPM_ALG_RSAPSS_3072;
            default -> BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P384;
        };
    }

    /** The digest of {@code slot} in the run's first DIGESTS response (slots in ascending order). */
    static byte[] digestsEntry(Run run, int slot) {
        LibspdmVectors.Message digests = LibspdmVectors.messages(run).stream()
                .filter(m -> m.name().equals("DIGESTS")).findFirst().orElseThrow();
        int mask = digests.bytes()[3] & 0xFF;
        int h = hashOf(run).size();
        int index = Integer.bitCount(mask & ((1 << slot) - 1));
        return Arrays.copyOfRange(digests.bytes(), 4 + index * h, 4 + (index + 1) * h);
    }

    /** The SPDM chain of {@code slot} as the run's first complete series of CERTIFICATE responses carried it. */
    static byte[] certificateResponses(Run run, int slot) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (LibspdmVectors.Message m : LibspdmVectors.messages(run)) {
            byte[] b = m.bytes();
            if (!m.name().equals("CERTIFICATE") || m.inSession() || (b[2] & 0x0F) != slot) {
                continue;
            }
            int portion = (b[4] & 0xFF) | (b[5] & 0xFF) << 8;
            int remainder = (b[6] & 0xFF) | (b[7] & 0xFF) << 8;
            out.write(b, 8, portion);
            if (remainder == 0) {
                return out.toByteArray();
            }
        }
        throw new AssertionError("no complete CERTIFICATE series for slot " + slot + " in " + run);
    }

    static IdentityGenerator generator(KeyPairSource keys) {
        BouncyCastleProvider bc = new BouncyCastleProvider();
        return new IdentityGenerator(bc, keys);
    }

    static JcaSpdmCrypto crypto() {
        return new JcaSpdmCrypto(new SecureRandom());
    }

    // ---- key file forms ----

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    static byte[] pkcs8(PrivateKey key) {
        return key.getEncoded();
    }

    /** SEC1 ECPrivateKey with the named curve in [0] (what openssl writes as "EC PRIVATE KEY"). */
    static byte[] sec1(PrivateKey key, PublicKey pub) {
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
            BigInteger d = ((java.security.interfaces.ECPrivateKey) key).getS();
            ASN1Encodable curve = info.getPrivateKeyAlgorithm().getParameters();
            DERBitString q = new DERBitString(SubjectPublicKeyInfo.getInstance(pub.getEncoded()).getPublicKeyData().getBytes());
            int bits = ((java.security.interfaces.ECPrivateKey) key).getParams().getOrder().bitLength();
            return new ECPrivateKey(bits, d, q, curve).getEncoded("DER");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** PKCS#1 RSAPrivateKey (what openssl writes as "RSA PRIVATE KEY"). */
    static byte[] pkcs1(PrivateKey key) {
        try {
            return PrivateKeyInfo.getInstance(key.getEncoded()).parsePrivateKey().toASN1Primitive().getEncoded("DER");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    static ASN1Primitive asn1(byte[] der) {
        try {
            return ASN1Primitive.fromByteArray(der);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    // ---- ad-hoc certificates for negative chain tests ----

    /**
     * A certificate for {@code subjectKey} issued by {@code issuer} with {@code issuerKey} (an EC key; ECDSA/SHA-256);
     * {@code pathLen} >= 0 = a CA, -1 = cA false, -2 = no basicConstraints; {@code keyUsage} 0 = no keyUsage.
     */
    static X509Certificate issue(String subject, PublicKey subjectKey, String issuer, PrivateKey issuerKey,
                                 int pathLen, int keyUsage) {
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(7),
                    Date.from(Instant.parse("2025-01-01T00:00:00Z")), Date.from(Instant.parse("2030-01-01T00:00:00Z")),
                    new X500Name(subject), subjectKey);
            if (pathLen >= 0) {
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(pathLen));
            } else if (pathLen == -1) {
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            }
            if (keyUsage != 0) {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
            }
            byte[] der = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)).getEncoded();
            return DerCertificates.parse(der, 0, 0);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static KeyPair p256() {
        try {
            java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
            g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static List<X509Certificate> with(List<X509Certificate> chain, X509Certificate extra) {
        return java.util.stream.Stream.concat(chain.stream(), java.util.stream.Stream.of(extra)).toList();
    }

    static KeyPair keyPair(DeviceIdentity id) {
        return new KeyPair(id.publicKey(), id.privateKey());
    }
}
