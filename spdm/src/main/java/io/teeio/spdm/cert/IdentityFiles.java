package io.teeio.spdm.cert;

import io.teeio.spdm.codec.SpdmDecodeException;
import io.teeio.spdm.crypto.BaseAsymAlgo;
import io.teeio.spdm.crypto.BaseHashAlgo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Reads and writes identities as files: certificate chains as concatenated DER (libspdm's
 * {@code bundle_responder.certchain.der}), as PEM with one or more CERTIFICATE blocks, or as an SPDM
 * certificate-chain structure; private keys as PEM PKCS#8 ("PRIVATE KEY"), SEC1 ("EC PRIVATE KEY"),
 * PKCS#1 ("RSA PRIVATE KEY"), or the same structures in DER. Keys are written as PEM PKCS#8.
 * Every failure is an {@link IdentityException} naming the file.
 */
public final class IdentityFiles {
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END ([A-Z0-9 ]+)-----", Pattern.DOTALL);
    private static final Map<String, String> KEY_TYPE_NAMES = Map.of(
            "1.3.101.112", "Ed25519", "1.3.101.113", "Ed448", "1.3.101.110", "X25519", "1.3.101.111", "X448",
            "1.2.840.10040.4.1", "DSA", "1.2.840.113549.1.3.1", "DH");

    private IdentityFiles() {
    }

    private record PemBlock(String type, boolean encrypted, byte[] der) {
    }

    // ---- reading ----

    /** A certificate chain, first certificate to leaf, from DER, PEM or the SPDM structure. */
    public static SpdmCertChain loadChain(Path file) throws IdentityException {
        byte[] data = read(file);
        if (isPem(data)) {
            try {
                return SpdmCertChain.of(pemCertificates(file, data));
            } catch (IllegalArgumentException e) {
                throw new IdentityException(file, e.getMessage());
            }
        }
        try {
            return SpdmCertChain.ofDer(data);
        } catch (SpdmDecodeException derProblem) {
            Optional<SpdmCertChain> spdm = asSpdmStructure(data);
            if (spdm.isPresent()) {
                return spdm.get();
            }
            throw new IdentityException(file, "not a certificate (" + derProblem.getMessage() + ")");
        }
    }

    /** Trust anchors: one or more certificates, DER (concatenated) or PEM. */
    public static List<X509Certificate> loadTrustAnchors(Path file) throws IdentityException {
        byte[] data = read(file);
        if (isPem(data)) {
            return pemCertificates(file, data);
        }
        try {
            return DerCertificates.parseConcatenated(data, 0).stream().map(DerCertificates.Parsed::certificate).toList();
        } catch (SpdmDecodeException e) {
            throw new IdentityException(file, "not a certificate (" + e.getMessage() + ")");
        }
    }

    /** Trust anchors from several files, in order. */
    public static List<X509Certificate> loadTrustAnchors(List<Path> files) throws IdentityException {
        List<X509Certificate> out = new ArrayList<>();
        for (Path f : files) {
            out.addAll(loadTrustAnchors(f));
        }
        return out;
    }

    /** A private key (EC on P-256/384/521 or RSA) from PEM or DER PKCS#8, SEC1 or PKCS#1. */
    public static PrivateKey loadPrivateKey(Path file) throws IdentityException {
        byte[] data = read(file);
        if (!isPem(data)) {
            return derPrivateKey(file, data);
        }
        PemBlock key = null;
        for (PemBlock b : pemBlocks(file, data)) {
            switch (b.type()) {
                case "EC PARAMETERS" -> {
                    // openssl ecparam -genkey writes the curve before the key; the key names it too.
                }
                case "PRIVATE KEY", "EC PRIVATE KEY", "RSA PRIVATE KEY" -> {
                    if (key != null) {
                        throw new IdentityException(file, "holds more than one private key");
                    }
                    if (b.encrypted()) {
                        throw new IdentityException(file, "encrypted private keys are not supported (PEM block "
                                + b.type() + " is encrypted); store it unencrypted");
                    }
                    key = b;
                }
                case "ENCRYPTED PRIVATE KEY" -> throw new IdentityException(file,
                        "encrypted private keys are not supported (PEM block ENCRYPTED PRIVATE KEY); store it unencrypted");
                case "CERTIFICATE", "PUBLIC KEY", "RSA PUBLIC KEY", "CERTIFICATE REQUEST" ->
                        throw new IdentityException(file, "not a private key (PEM block " + b.type() + ")");
                default -> throw new IdentityException(file, "unsupported key type (PEM block " + b.type() + ")");
            }
        }
        if (key == null) {
            throw new IdentityException(file, "not a private key (no PRIVATE KEY, EC PRIVATE KEY or RSA PRIVATE KEY block)");
        }
        return switch (key.type()) {
            case "PRIVATE KEY" -> pkcs8(file, key.der());
            case "EC PRIVATE KEY" -> sec1(file, key.der());
            default -> pkcs1(file, key.der());
        };
    }

    /**
     * A chain and the leaf's private key; the key must match the leaf, and the algorithm is the one the
     * leaf key fits best in SPDM priority order (an RSA key: RSAPSS of its size).
     */
    public static DeviceIdentity loadIdentity(Path chainFile, Path keyFile) throws IdentityException {
        return loadIdentity(chainFile, keyFile, Optional.empty());
    }

    /** As {@link #loadIdentity(Path, Path)}, checking that the leaf key fits {@code algo}. */
    public static DeviceIdentity loadIdentity(Path chainFile, Path keyFile, BaseAsymAlgo algo) throws IdentityException {
        return loadIdentity(chainFile, keyFile, Optional.of(algo));
    }

    private static DeviceIdentity loadIdentity(Path chainFile, Path keyFile, Optional<BaseAsymAlgo> algo)
            throws IdentityException {
        SpdmCertChain chain = loadChain(chainFile);
        PrivateKey key = loadPrivateKey(keyFile);
        X509Certificate leaf = chain.leaf();
        Set<BaseAsymAlgo> leafFits = AsymKeys.fitting(leaf.getPublicKey());
        if (leafFits.isEmpty()) {
            throw new IdentityException(chainFile, "unsupported key type " + AsymKeys.describe(leaf.getPublicKey())
                    + " in the leaf certificate " + DerCertificates.subject(leaf));
        }
        if (AsymKeys.fitting(key).isEmpty()) {
            throw new IdentityException(keyFile, "unsupported key type " + AsymKeys.describe(key));
        }
        if (!AsymKeys.matches(key, leaf.getPublicKey())) {
            throw new IdentityException(keyFile, "key does not match the leaf certificate " + DerCertificates.subject(leaf)
                    + " of " + chainFile);
        }
        if (algo.isPresent() && !leafFits.contains(algo.get())) {
            throw new IdentityException(chainFile, "the leaf certificate's " + AsymKeys.describe(leaf.getPublicKey())
                    + " key does not fit " + algo.get());
        }
        BaseAsymAlgo chosen = algo.orElseGet(() -> AsymKeys.preferred(leafFits).orElseThrow());
        return new DeviceIdentity(chosen, chain, key);
    }

    // ---- writing ----

    public static void writeCertificatePem(Path file, X509Certificate certificate) throws IdentityException {
        write(file, pem("CERTIFICATE", DerCertificates.encoded(certificate)), false);
    }

    public static void writeCertificateDer(Path file, X509Certificate certificate) throws IdentityException {
        write(file, DerCertificates.encoded(certificate), false);
    }

    /** The chain's certificates as consecutive PEM blocks, first to leaf. */
    public static void writeChainPem(Path file, SpdmCertChain chain) throws IdentityException {
        StringBuilder sb = new StringBuilder();
        chain.certificatesDer().forEach(der -> sb.append(new String(pem("CERTIFICATE", der.toByteArray()),
                StandardCharsets.US_ASCII)));
        write(file, sb.toString().getBytes(StandardCharsets.US_ASCII), false);
    }

    /** The chain's certificates as concatenated DER (libspdm's bundle format). */
    public static void writeChainDer(Path file, SpdmCertChain chain) throws IdentityException {
        write(file, chain.concatenatedDer().toByteArray(), false);
    }

    /** PEM PKCS#8 ("PRIVATE KEY"), readable only by the owner where the file system has POSIX permissions. */
    public static void writePrivateKeyPem(Path file, PrivateKey key) throws IdentityException {
        if (!"PKCS#8".equals(key.getFormat()) || key.getEncoded() == null) {
            throw new IdentityException(file, "cannot write a " + key.getAlgorithm() + " key: it has no PKCS#8 encoding");
        }
        write(file, pem("PRIVATE KEY", key.getEncoded()), true);
    }

    // ---- internals ----

    private static byte[] read(Path file) throws IdentityException {
        try {
            byte[] data = Files.readAllBytes(file);
            if (data.length == 0) {
                throw new IdentityException(file, "empty file");
            }
            return data;
        } catch (NoSuchFileException e) {
            throw new IdentityException(file, "no such file");
        } catch (IOException e) {
            throw new IdentityException(file, "cannot read (" + e + ")", e);
        }
    }

    private static void write(Path file, byte[] content, boolean secret) throws IdentityException {
        try {
            if (secret && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (FileAlreadyExistsException e) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                }
            }
            Files.write(file, content, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new IdentityException(file, "cannot write (" + e + ")", e);
        }
    }

    private static byte[] pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return ("-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean isPem(byte[] data) {
        return new String(data, StandardCharsets.ISO_8859_1).contains("-----BEGIN ");
    }

    private static List<PemBlock> pemBlocks(Path file, byte[] data) throws IdentityException {
        Matcher m = PEM.matcher(new String(data, StandardCharsets.ISO_8859_1));
        List<PemBlock> out = new ArrayList<>();
        while (m.find()) {
            String type = m.group(1);
            if (!type.equals(m.group(3))) {
                throw new IdentityException(file, "PEM block BEGIN " + type + " ends with END " + m.group(3));
            }
            String body = m.group(2);
            boolean encrypted = body.contains("Proc-Type:") && body.contains("ENCRYPTED");
            StringBuilder b64 = new StringBuilder();
            for (String line : body.split("\\R")) {
                if (!line.contains(":")) {
                    b64.append(line.strip());
                }
            }
            try {
                out.add(new PemBlock(type, encrypted, Base64.getDecoder().decode(b64.toString())));
            } catch (IllegalArgumentException e) {
                throw new IdentityException(file, "PEM block " + (out.size()) + " (" + type + ") is not valid base64");
            }
        }
        if (out.isEmpty()) {
            throw new IdentityException(file, "no complete PEM block (BEGIN without a matching END)");
        }
        return out;
    }

    private static List<X509Certificate> pemCertificates(Path file, byte[] data) throws IdentityException {
        List<X509Certificate> out = new ArrayList<>();
        List<PemBlock> blocks = pemBlocks(file, data);
        for (int i = 0; i < blocks.size(); i++) {
            PemBlock b = blocks.get(i);
            if (!b.type().equals("CERTIFICATE")) {
                throw new IdentityException(file, "not a certificate (PEM block " + i + " is " + b.type() + ")");
            }
            try {
                out.add(DerCertificates.parse(b.der(), "PEM block " + i));
            } catch (SpdmDecodeException e) {
                throw new IdentityException(file, "not a certificate (" + e.getMessage() + ")");
            }
        }
        return out;
    }

    /** The SPDM structure Length | Reserved | RootHash | certificates, with the hash size inferred. */
    private static Optional<SpdmCertChain> asSpdmStructure(byte[] data) {
        if (data.length < 4 || ((data[0] & 0xFF) | (data[1] & 0xFF) << 8) != data.length) {
            return Optional.empty();
        }
        for (BaseHashAlgo h : BaseHashAlgo.values()) {
            try {
                return Optional.of(SpdmCertChain.decode(data, h, der -> digest(h, der)));
            } catch (SpdmDecodeException e) {
                // Not this hash size; try the next.
            }
        }
        return Optional.empty();
    }

    private static byte[] digest(BaseHashAlgo h, byte[] data) {
        try {
            return MessageDigest.getInstance(h.jcaName()).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(h.jcaName() + " missing from this JDK", e);
        }
    }

    private static PrivateKey derPrivateKey(Path file, byte[] data) throws IdentityException {
        ASN1Sequence seq = null;
        try {
            seq = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(data));
        } catch (IOException | RuntimeException e) {
            // reported below
        }
        if (seq == null) {
            throw new IdentityException(file, "not a private key (neither PEM nor a DER structure)");
        }
        if (seq.size() >= 2) {
            ASN1Encodable first = seq.getObjectAt(0);
            ASN1Encodable second = seq.getObjectAt(1);
            if (first instanceof ASN1Integer v) {
                if (second instanceof ASN1Sequence && seq.size() >= 3) {
                    return pkcs8(file, data);
                }
                if (second instanceof ASN1OctetString && v.hasValue(1)) {
                    return sec1(file, data);
                }
                if (second instanceof ASN1Integer && seq.size() >= 9) {
                    return pkcs1(file, data);
                }
            }
            if (first instanceof ASN1Sequence && second instanceof ASN1OctetString) {
                throw new IdentityException(file, "encrypted private keys are not supported (DER EncryptedPrivateKeyInfo);"
                        + " store it unencrypted");
            }
            if (first instanceof ASN1Sequence && seq.size() == 3 && seq.getObjectAt(2) instanceof ASN1BitString) {
                throw new IdentityException(file, "not a private key (this is a certificate)");
            }
        }
        throw new IdentityException(file, "not a private key (unrecognised DER structure)");
    }

    private static PrivateKey pkcs8(Path file, byte[] der) throws IdentityException {
        PrivateKeyInfo info;
        try {
            info = PrivateKeyInfo.getInstance(der);
        } catch (RuntimeException e) {
            throw new IdentityException(file, "not a private key (malformed PKCS#8 structure)");
        }
        ASN1ObjectIdentifier oid = info.getPrivateKeyAlgorithm().getAlgorithm();
        String jca;
        if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            checkCurve(file, info.getPrivateKeyAlgorithm().getParameters());
            jca = "EC";
        } else if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            jca = "RSA";
        } else if (oid.equals(PKCSObjectIdentifiers.id_RSASSA_PSS)) {
            jca = "RSASSA-PSS";
        } else {
            throw new IdentityException(file, "unsupported key type " + KEY_TYPE_NAMES.getOrDefault(oid.getId(),
                    "with algorithm OID " + oid.getId()));
        }
        try {
            return KeyFactory.getInstance(jca).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IdentityException(file, "not a valid " + jca + " private key");
        }
    }

    private static void checkCurve(Path file, ASN1Encodable params) throws IdentityException {
        if (!(params instanceof ASN1ObjectIdentifier curve)) {
            throw new IdentityException(file, "unsupported key type: EC key without a named curve");
        }
        if (AsymKeys.ecdsaFor(curve).isEmpty()) {
            throw new IdentityException(file, "unsupported key type EC " + AsymKeys.curveName(curve)
                    + " (SPDM uses secp256r1, secp384r1, secp521r1)");
        }
    }

    private static PrivateKey sec1(Path file, byte[] der) throws IdentityException {
        ECPrivateKey sec;
        try {
            sec = ECPrivateKey.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (IOException | RuntimeException e) {
            throw new IdentityException(file, "not a private key (malformed SEC1 EC private key)");
        }
        ASN1Encodable params = sec.getParametersObject();
        checkCurve(file, params);
        try {
            byte[] pkcs8 = new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, params), sec)
                    .getEncoded();
            return pkcs8(file, pkcs8);
        } catch (IOException e) {
            throw new IdentityException(file, "not a valid EC private key");
        }
    }

    private static PrivateKey pkcs1(Path file, byte[] der) throws IdentityException {
        try {
            RSAPrivateKey rsa = RSAPrivateKey.getInstance(ASN1Primitive.fromByteArray(der));
            byte[] pkcs8 = new PrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption,
                    DERNull.INSTANCE), rsa).getEncoded();
            return pkcs8(file, pkcs8);
        } catch (IOException | RuntimeException e) {
            throw new IdentityException(file, "not a private key (malformed PKCS#1 RSA private key)");
        }
    }
}
