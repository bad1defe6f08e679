package io.teeio.spdm.cert;

import io.teeio.spdm.crypto.BaseAsymAlgo;
import io.teeio.spdm.crypto.JcaSpdmCrypto;
import java.io.IOException;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.Map;
import java.util.TreeMap;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds root CA -> intermediate CA -> leaf for any {@link BaseAsymAlgo}, deterministically from a seed
 * (same spec, byte-identical certificates and keys).
 *
 * <p>The profile is what libspdm's requester checks of a responder chain ({@code libspdm_x509_certificate_check},
 * {@code libspdm_is_root_certificate}, mbedtls chain verification): X.509 v3, positive serials, names under 100
 * bytes, CAs with critical basicConstraints cA=TRUE and keyUsage keyCertSign|cRLSign, the leaf with critical
 * basicConstraints cA=FALSE (encoded as the empty SEQUENCE libspdm compares against), keyUsage digitalSignature,
 * the DMTF SPDM extended key usage for its role, the DMTF SPDM extension naming hardware identity (device
 * certificate model), and for a device the PCI CMA Subject Alternative Name. RSA keys are rsaEncryption keys
 * for both RSASSA and RSAPSS suites, certificates signed PKCS#1 v1.5 (as libspdm's own RSA samples are).
 */
public final class IdentityGenerator {
    /** id-DMTF-SPDM-extension. */
    static final String SPDM_EXTENSION_OID = "1.3.6.1.4.1.412.274.6";
    /** id-DMTF-hardware-identity. */
    static final String HARDWARE_IDENTITY_OID = "1.3.6.1.4.1.412.274.2";

    private static final int ROOT = 0;
    private static final int INTERMEDIATE = 1;
    private static final int LEAF = 2;

    private final Provider provider;
    private final KeyPairSource keys;

    /** With a private BouncyCastle provider instance (never registered globally). */
    public IdentityGenerator() {
        this(new BouncyCastleProvider());
    }

    public IdentityGenerator(Provider provider) {
        this(provider, KeyPairSource.seeded(provider));
    }

    public IdentityGenerator(Provider provider, KeyPairSource keys) {
        this.provider = provider;
        this.keys = keys;
    }

    /** Root, intermediate and leaf per {@code spec}; the identity's chain starts with the self-signed root. */
    public DeviceIdentity generate(IdentitySpec spec) {
        BaseAsymAlgo algo = spec.algo();
        KeyPair rootKeys = keys.generate(algo, derive(spec.seed(), "key", ROOT));
        KeyPair intermediateKeys = keys.generate(algo, derive(spec.seed(), "key", INTERMEDIATE));
        KeyPair leafKeys = keys.generate(algo, derive(spec.seed(), "key", LEAF));

        String keyName = keyName(algo);
        X500Name rootName = name(spec.label() + " " + keyName + " root CA");
        X500Name intermediateName = name(spec.label() + " " + keyName + " intermediate CA");
        X500Name leafName = name(spec.label() + " " + keyName + " "
                + (spec.role() == EndpointRole.RESPONDER ? "responder" : "requester"));

        X509Certificate root = issue(spec, ROOT, rootName, rootKeys.getPublic(), rootName, rootKeys);
        X509Certificate intermediate = issue(spec, INTERMEDIATE, intermediateName, intermediateKeys.getPublic(),
                rootName, rootKeys);
        X509Certificate leaf = issue(spec, LEAF, leafName, leafKeys.getPublic(), intermediateName,
                intermediateKeys);
        return new DeviceIdentity(algo, SpdmCertChain.of(root, intermediate, leaf), leafKeys.getPrivate());
    }

    /**
     * One independent identity per slot in {@code slotMask} (each with its own root, like libspdm's samples),
     * seeds derived from {@code spec}'s seed and the slot number, labels suffixed " slot N".
     */
    public SlotIdentities generateSlots(IdentitySpec spec, int slotMask) {
        if (slotMask == 0 || (slotMask & ~0xFF) != 0) {
            throw new IllegalArgumentException("slot mask 0x" + Integer.toHexString(slotMask) + " must select slots 0..7");
        }
        Map<Integer, DeviceIdentity> out = new TreeMap<>();
        for (int slot = 0; slot < SlotIdentities.SLOT_COUNT; slot++) {
            if ((slotMask & 1 << slot) != 0) {
                IdentitySpec s = spec.withSeed(slot == 0 ? spec.seed() : derive(spec.seed(), "slot", slot));
                String label = spec.label() + " slot " + slot;
                out.put(slot, generate(label.length() <= IdentitySpec.MAX_LABEL_LENGTH ? s.withLabel(label) : s));
            }
        }
        return SlotIdentities.of(out);
    }

    private X509Certificate issue(IdentitySpec spec, int which, X500Name subject, PublicKey subjectKey,
                                  X500Name issuer, KeyPair issuerKeys) {
        try {
            SecureRandom random = JcaSpdmCrypto.seededRandom(derive(spec.seed(), "cert", which));
            BigInteger serial = new BigInteger(63, random).setBit(62);
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, serial,
                    Date.from(spec.notBefore()), Date.from(spec.notAfter()), subject, subjectKey);
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKey));
            b.addExtension(Extension.authorityKeyIdentifier, false,
                    ext.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
            if (which == LEAF) {
                addLeafExtensions(b, spec);
            } else {
                b.addExtension(Extension.basicConstraints, true,
                        which == ROOT ? new BasicConstraints(true) : new BasicConstraints(0));
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            }
            ContentSigner signer = new JcaContentSignerBuilder(signatureAlgorithm(spec.algo()))
                    .setProvider(provider).setSecureRandom(random).build(issuerKeys.getPrivate());
            return DerCertificates.parseTrusted(b.build(signer).getEncoded());
        } catch (CertIOException | NoSuchAlgorithmException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue certificate " + subject + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode certificate " + subject, e);
        }
    }

    private static void addLeafExtensions(X509v3CertificateBuilder b, IdentitySpec spec) throws CertIOException {
        // cA=FALSE is the DER default, so this encodes as the empty SEQUENCE that libspdm expects.
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        b.addExtension(Extension.extendedKeyUsage, false,
                new ExtendedKeyUsage(KeyPurposeId.getInstance(new ASN1ObjectIdentifier(spec.role().ekuOid()))));
        if (spec.deviceIds().isPresent()) {
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(spec.deviceIds().get().generalName()));
        }
        // id-spdm-cert-oids: SEQUENCE OF SEQUENCE { OID }; hardware identity marks a device certificate.
        b.addExtension(new ASN1ObjectIdentifier(SPDM_EXTENSION_OID), false, new DERSequence(new ASN1Encodable[] {
            new DERSequence(new ASN1ObjectIdentifier(HARDWARE_IDENTITY_OID))}));
    }

    /** The certificate signature algorithm for a suite: ECDSA with the curve's hash, RSA PKCS#1 v1.5 by size. */
    static String signatureAlgorithm(BaseAsymAlgo algo) {
        return switch (algo.family()) {
            case ECDSA -> algo.naturalHash().jcaName().replace("-", "") + "withECDSA";
            case RSASSA, RSAPSS -> switch (algo.keyBits()) {
                case 2048 -> "SHA256withRSA";
                case 3072 -> "SHA384withRSA";
                default -> "SHA512withRSA";
            };
        };
    }

    private static String keyName(BaseAsymAlgo algo) {
        return algo.family() == BaseAsymAlgo.Family.ECDSA ? "P-" + algo.keyBits() : "RSA-" + algo.keyBits();
    }

    private static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "teeio").addRDN(BCStyle.CN, commonName).build();
    }

    /** A sub-seed per purpose, so each key and certificate draws from its own random stream. */
    static long derive(long seed, String purpose, int index) {
        long h = seed ^ 0x9E3779B97F4A7C15L * (purpose.hashCode() * 31L + index + 1);
        // SplitMix64 finaliser: neighbouring seeds give unrelated sub-seeds.
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }
}
