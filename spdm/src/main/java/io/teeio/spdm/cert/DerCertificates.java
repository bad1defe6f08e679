package io.teeio.spdm.cert;

import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.security.auth.x500.X500Principal;

/** Splitting concatenated DER certificates and parsing them with the JDK's X.509 factory. */
final class DerCertificates {
    private DerCertificates() {
    }

    /** One certificate of a concatenation: its exact bytes and the parsed form. */
    record Parsed(Bytes der, X509Certificate certificate) {
    }

    /** Splits and parses; every failure names the certificate index and byte offset. */
    static List<Parsed> parseConcatenated(byte[] data, int baseOffset) throws SpdmDecodeException {
        if (data.length == 0) {
            throw new SpdmDecodeException("certificate chain holds no certificate");
        }
        List<Parsed> out = new ArrayList<>();
        int pos = 0;
        while (pos < data.length) {
            int index = out.size();
            int total = derLength(data, pos, index, baseOffset + pos);
            byte[] one = Arrays.copyOfRange(data, pos, pos + total);
            out.add(new Parsed(Bytes.of(one), parse(one, index, baseOffset + pos)));
            pos += total;
        }
        return out;
    }

    /** Size of the DER SEQUENCE (tag, length and content) that starts at {@code pos}. */
    private static int derLength(byte[] data, int pos, int index, int offset) throws SpdmDecodeException {
        String where = "certificate " + index + " at offset " + offset;
        if ((data[pos] & 0xFF) != 0x30) {
            throw new SpdmDecodeException(where + ": not a DER certificate (tag 0x"
                    + Integer.toHexString(data[pos] & 0xFF) + ", expected SEQUENCE 0x30)");
        }
        if (pos + 2 > data.length) {
            throw new SpdmDecodeException(where + ": truncated DER header");
        }
        int first = data[pos + 1] & 0xFF;
        long length;
        int header;
        if (first < 0x80) {
            length = first;
            header = 2;
        } else {
            int n = first & 0x7F;
            if (n == 0 || n > 4) {
                throw new SpdmDecodeException(where + ": unsupported DER length form 0x" + Integer.toHexString(first));
            }
            if (pos + 2 + n > data.length) {
                throw new SpdmDecodeException(where + ": truncated DER length");
            }
            length = 0;
            for (int i = 0; i < n; i++) {
                length = length << 8 | (data[pos + 2 + i] & 0xFF);
            }
            header = 2 + n;
        }
        long total = header + length;
        if (total > data.length - pos) {
            throw new SpdmDecodeException(where + ": DER length " + total + " exceeds the "
                    + (data.length - pos) + " bytes left");
        }
        return (int) total;
    }

    static X509Certificate parse(byte[] der, int index, int offset) throws SpdmDecodeException {
        return parse(der, "certificate " + index + " at offset " + offset);
    }

    /** Parses one DER certificate; {@code where} starts the error message. */
    static X509Certificate parse(byte[] der, String where) throws SpdmDecodeException {
        try {
            CertificateFactory f = CertificateFactory.getInstance("X.509");
            X509Certificate c = (X509Certificate) f.generateCertificate(new ByteArrayInputStream(der));
            // Touch the fields every user reads so a malformed certificate fails here, not later.
            c.getSubjectX500Principal();
            c.getIssuerX500Principal();
            c.getPublicKey();
            return c;
        } catch (CertificateException | RuntimeException e) {
            throw new SpdmDecodeException(where + ": not a valid X.509 certificate (" + e.getMessage() + ")");
        }
    }

    /** Parses certificates built in memory (already known good); a failure is a programming error. */
    static X509Certificate parseTrusted(byte[] der) {
        try {
            return parse(der, 0, 0);
        } catch (SpdmDecodeException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    static byte[] encoded(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (CertificateException e) {
            throw new IllegalArgumentException("certificate " + subject(c) + " cannot be encoded", e);
        }
    }

    static String subject(X509Certificate c) {
        return c.getSubjectX500Principal().getName(X500Principal.RFC2253);
    }

    static String issuer(X509Certificate c) {
        return c.getIssuerX500Principal().getName(X500Principal.RFC2253);
    }

    /** True when {@code c} verifies under {@code key}; any failure (wrong key type, bad encoding) is false. */
    static boolean signedBy(X509Certificate c, PublicKey key) {
        try {
            c.verify(key);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** Self-signed: issuer equals subject and the certificate verifies under its own key. */
    static boolean selfSigned(X509Certificate c) {
        return c.getIssuerX500Principal().equals(c.getSubjectX500Principal()) && signedBy(c, c.getPublicKey());
    }
}
