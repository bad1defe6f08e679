package io.teeio.spdm.cert;

import io.teeio.spdm.codec.ByteReader;
import io.teeio.spdm.codec.ByteWriter;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;
import io.teeio.spdm.crypto.BaseHashAlgo;
import io.teeio.spdm.crypto.SpdmCrypto;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * An SPDM certificate chain (DSP0274 Table 33, PROTOCOLS.md §1.7.3): the DER certificates of one slot,
 * root (or root-signed) first and leaf last. On the wire and in DIGESTS it is
 * {@code Length(LE16) | Reserved(2) | Hash(root DER) | certificates}; the header depends on the negotiated
 * hash, so this object holds only the certificates and renders the header on {@link #encode}.
 */
public final class SpdmCertChain {
    /** Header bytes before the root hash: Length(2) and Reserved(2). */
    public static final int HEADER_SIZE = 4;
    /** Largest certificate bytes a 1.2 chain can carry with the largest hash (the Length field is 16 bits). */
    public static final int MAX_CERTIFICATES_SIZE = 0xFFFF - HEADER_SIZE - 64;

    private final List<Bytes> der;
    private final List<X509Certificate> certificates;

    private SpdmCertChain(List<Bytes> der, List<X509Certificate> certificates) {
        this.der = List.copyOf(der);
        this.certificates = List.copyOf(certificates);
    }

    /** A chain of already parsed certificates, root (or root-signed) first, leaf last. */
    public static SpdmCertChain of(List<X509Certificate> certificates) {
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("a certificate chain needs at least one certificate");
        }
        List<Bytes> der = new ArrayList<>();
        int total = 0;
        for (X509Certificate c : certificates) {
            byte[] b = DerCertificates.encoded(c);
            total += b.length;
            der.add(Bytes.of(b));
        }
        if (total > MAX_CERTIFICATES_SIZE) {
            throw new IllegalArgumentException("certificates take " + total + " bytes, more than an SPDM 1.2 chain holds ("
                    + MAX_CERTIFICATES_SIZE + ")");
        }
        return new SpdmCertChain(der, certificates);
    }

    public static SpdmCertChain of(X509Certificate... certificates) {
        return of(List.of(certificates));
    }

    /** Parses concatenated DER certificates (libspdm's bundle_*.certchain.der files, no SPDM header). */
    public static SpdmCertChain ofDer(byte[] concatenatedDer) throws SpdmDecodeException {
        return ofDer(concatenatedDer, 0);
    }

    private static SpdmCertChain ofDer(byte[] concatenatedDer, int baseOffset) throws SpdmDecodeException {
        if (concatenatedDer.length > MAX_CERTIFICATES_SIZE) {
            throw new SpdmDecodeException("certificates take " + concatenatedDer.length
                    + " bytes, more than an SPDM 1.2 chain holds (" + MAX_CERTIFICATES_SIZE + ")");
        }
        List<DerCertificates.Parsed> parsed = DerCertificates.parseConcatenated(concatenatedDer, baseOffset);
        return new SpdmCertChain(parsed.stream().map(DerCertificates.Parsed::der).toList(),
                parsed.stream().map(DerCertificates.Parsed::certificate).toList());
    }

    /**
     * Decodes the SPDM structure: Length must equal the byte count, Reserved must be zero, every certificate
     * must parse, and when the first certificate is self-signed RootHash must equal its hash.
     */
    public static SpdmCertChain decode(byte[] encoded, BaseHashAlgo hash, SpdmCrypto crypto) throws SpdmDecodeException {
        return decode(encoded, hash, der -> crypto.hash(hash, der));
    }

    /** As {@link #decode(byte[], BaseHashAlgo, SpdmCrypto)} with any implementation of {@code hash}. */
    static SpdmCertChain decode(byte[] encoded, BaseHashAlgo hash, UnaryOperator<byte[]> hasher)
            throws SpdmDecodeException {
        ByteReader r = new ByteReader(encoded, "SPDM certificate chain");
        int length = r.u16("Length");
        if (length != encoded.length) {
            throw new SpdmDecodeException("SPDM certificate chain: Length field says " + length + " bytes, the chain has "
                    + encoded.length);
        }
        int reserved = r.u16("Reserved");
        if (reserved != 0) {
            throw new SpdmDecodeException("SPDM certificate chain: Reserved is 0x" + Integer.toHexString(reserved)
                    + ", must be 0");
        }
        Bytes rootHash = r.bytes(hash.size(), "RootHash");
        int certOffset = r.position();
        if (r.remaining() == 0) {
            throw new SpdmDecodeException("SPDM certificate chain: no certificate after the " + hash.size()
                    + "-byte RootHash");
        }
        SpdmCertChain chain = ofDer(r.rest().toByteArray(), certOffset);
        if (DerCertificates.selfSigned(chain.root())) {
            Bytes expected = Bytes.of(hasher.apply(chain.der.get(0).toByteArray()));
            if (!expected.equals(rootHash)) {
                throw new SpdmDecodeException("SPDM certificate chain: RootHash " + rootHash.toHex()
                        + " is not " + hash.jcaName() + "(certificate 0) = " + expected.toHex());
            }
        }
        return chain;
    }

    /** The SPDM structure with the root hash computed by {@code hash}. */
    public byte[] encode(BaseHashAlgo hash, SpdmCrypto crypto) {
        byte[] rootHash = crypto.hash(hash, der.get(0).toByteArray());
        ByteWriter w = new ByteWriter()
                .u16(encodedLength(hash))
                .u16(0)
                .bytes(rootHash);
        der.forEach(w::bytes);
        return w.toByteArray();
    }

    /** Hash of the encoded chain: the slot's DIGESTS entry and the Ct of CHALLENGE_AUTH / KEY_EXCHANGE. */
    public byte[] digest(BaseHashAlgo hash, SpdmCrypto crypto) {
        return crypto.hash(hash, encode(hash, crypto));
    }

    public int encodedLength(BaseHashAlgo hash) {
        return HEADER_SIZE + hash.size() + concatenatedLength();
    }

    private int concatenatedLength() {
        return der.stream().mapToInt(Bytes::length).sum();
    }

    /** The certificates as concatenated DER (the form of libspdm's bundle files). */
    public Bytes concatenatedDer() {
        byte[] out = new byte[concatenatedLength()];
        int pos = 0;
        for (Bytes b : der) {
            b.copyTo(out, pos);
            pos += b.length();
        }
        return Bytes.of(out);
    }

    public List<X509Certificate> certificates() {
        return certificates;
    }

    /** Each certificate's exact DER bytes, in chain order. */
    public List<Bytes> certificatesDer() {
        return der;
    }

    public int size() {
        return certificates.size();
    }

    /** The first certificate: the root, or a certificate signed by the root. */
    public X509Certificate root() {
        return certificates.get(0);
    }

    public X509Certificate leaf() {
        return certificates.get(certificates.size() - 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpdmCertChain c && der.equals(c.der);
    }

    @Override
    public int hashCode() {
        return der.hashCode();
    }

    @Override
    public String toString() {
        return "SpdmCertChain[" + certificates.stream().map(DerCertificates::subject)
                .collect(Collectors.joining(" -> ")) + "]";
    }
}
