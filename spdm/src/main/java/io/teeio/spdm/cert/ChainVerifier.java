package io.teeio.spdm.cert;

import io.teeio.spdm.crypto.BaseAsymAlgo;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Verifies a certificate chain (first certificate to leaf) against trust anchors at a given instant:
 * the first certificate is an anchor or is signed by one; every certificate is signed by, and names as issuer,
 * the one before it; every certificate but the leaf is a CA allowed to sign certificates (basicConstraints
 * cA, path length, keyUsage keyCertSign when present); every certificate is valid at the instant; the leaf
 * may sign (keyUsage digitalSignature) and, when asked, has a key fitting the negotiated algorithm.
 * Failures are {@link ChainVerificationException}s naming the certificate; never a raw JCA exception.
 */
public final class ChainVerifier {
    private final List<X509Certificate> anchors;

    public ChainVerifier(Collection<X509Certificate> trustAnchors) {
        this.anchors = List.copyOf(trustAnchors);
    }

    public List<X509Certificate> trustAnchors() {
        return anchors;
    }

    public VerifiedChain verify(SpdmCertChain chain, Instant at, BaseAsymAlgo expected) throws ChainVerificationException {
        return verify(chain.certificates(), at, Optional.of(expected));
    }

    public VerifiedChain verify(List<X509Certificate> chain, Instant at, BaseAsymAlgo expected)
            throws ChainVerificationException {
        return verify(chain, at, Optional.of(expected));
    }

    /** Without a leaf algorithm check (any key type). */
    public VerifiedChain verify(List<X509Certificate> chain, Instant at) throws ChainVerificationException {
        return verify(chain, at, Optional.empty());
    }

    private VerifiedChain verify(List<X509Certificate> chain, Instant at, Optional<BaseAsymAlgo> expected)
            throws ChainVerificationException {
        if (chain.isEmpty()) {
            throw new ChainVerificationException("chain is empty");
        }
        X509Certificate anchor = anchorFor(chain.get(0));
        int last = chain.size() - 1;
        for (int i = 0; i <= last; i++) {
            X509Certificate c = chain.get(i);
            checkValidity(i, c, at);
            if (i > 0) {
                checkIssuedBy(i, c, i - 1, chain.get(i - 1));
            }
            if (i < last) {
                checkCa(i, c, last - i - 1);
            }
        }
        X509Certificate leaf = chain.get(last);
        checkLeaf(last, leaf, expected);
        return new VerifiedChain(chain, anchor, leaf.getPublicKey(), DerCertificates.subject(leaf));
    }

    private X509Certificate anchorFor(X509Certificate first) throws ChainVerificationException {
        byte[] der = encoded(0, first);
        List<String> tried = new ArrayList<>();
        for (X509Certificate a : anchors) {
            if (Arrays.equals(der, DerCertificates.encoded(a))) {
                return a;
            }
        }
        for (X509Certificate a : anchors) {
            if (a.getSubjectX500Principal().equals(first.getIssuerX500Principal())) {
                tried.add(DerCertificates.subject(a));
                if (a.getBasicConstraints() >= 0 && signatureProblem(first, a.getPublicKey()).isEmpty()) {
                    return a;
                }
            }
        }
        String why = tried.isEmpty()
                ? "no trust anchor is named " + DerCertificates.issuer(first) + " (its issuer)"
                : "it is not signed by the trust anchor " + String.join(" or ", tried)
                        + " (or that anchor is not a CA)";
        throw new ChainVerificationException("chain is not rooted in any trust anchor: " + describe(0, first)
                + " is not a trust anchor and " + why);
    }

    private static void checkValidity(int i, X509Certificate c, Instant at) throws ChainVerificationException {
        Instant from = c.getNotBefore().toInstant();
        Instant to = c.getNotAfter().toInstant();
        if (at.isBefore(from)) {
            throw new ChainVerificationException(describe(i, c) + " is not valid before " + from + " (checked at " + at + ")");
        }
        if (at.isAfter(to)) {
            throw new ChainVerificationException(describe(i, c) + " expired on " + to + " (checked at " + at + ")");
        }
    }

    private static void checkIssuedBy(int i, X509Certificate c, int p, X509Certificate parent)
            throws ChainVerificationException {
        if (!c.getIssuerX500Principal().equals(parent.getSubjectX500Principal())) {
            throw new ChainVerificationException(describe(i, c) + " names issuer " + DerCertificates.issuer(c)
                    + ", but certificate " + p + " is " + DerCertificates.subject(parent));
        }
        Optional<String> problem = signatureProblem(c, parent.getPublicKey());
        if (problem.isPresent()) {
            throw new ChainVerificationException(describe(i, c) + " is not signed by certificate " + p + " ("
                    + DerCertificates.subject(parent) + "): " + problem.get());
        }
    }

    private static void checkCa(int i, X509Certificate c, int casBelow) throws ChainVerificationException {
        int pathLen = c.getBasicConstraints();
        if (pathLen < 0) {
            throw new ChainVerificationException(describe(i, c) + " is not a CA (basicConstraints cA is absent or false)"
                    + " but issues certificate " + (i + 1));
        }
        if (casBelow > pathLen) {
            throw new ChainVerificationException(describe(i, c) + " allows " + pathLen
                    + " CA certificates below it (pathLenConstraint), the chain has " + casBelow);
        }
        boolean[] ku = c.getKeyUsage();
        if (ku != null && (ku.length <= 5 || !ku[5])) {
            throw new ChainVerificationException(describe(i, c) + " may not sign certificates (keyUsage lacks keyCertSign)"
                    + " but issues certificate " + (i + 1));
        }
    }

    private static void checkLeaf(int i, X509Certificate leaf, Optional<BaseAsymAlgo> expected)
            throws ChainVerificationException {
        boolean[] ku = leaf.getKeyUsage();
        if (ku == null || ku.length == 0 || !ku[0]) {
            throw new ChainVerificationException("leaf " + describe(i, leaf)
                    + (ku == null ? " has no keyUsage extension" : " lacks keyUsage digitalSignature")
                    + "; SPDM requires a leaf key usable for digital signatures");
        }
        if (expected.isPresent()) {
            PublicKey key = leaf.getPublicKey();
            if (!AsymKeys.fitting(key).contains(expected.get())) {
                throw new ChainVerificationException("leaf " + describe(i, leaf) + " has an " + AsymKeys.describe(key)
                        + " key, which does not fit " + expected.get());
            }
        }
    }

    /** Empty if {@code c} verifies under {@code key}, else why not (never the raw exception). */
    private static Optional<String> signatureProblem(X509Certificate c, PublicKey key) {
        try {
            c.verify(key);
            return Optional.empty();
        } catch (NoSuchAlgorithmException e) {
            return Optional.of("unsupported signature algorithm " + c.getSigAlgName());
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.of("signature does not verify");
        }
    }

    private static byte[] encoded(int i, X509Certificate c) throws ChainVerificationException {
        try {
            return c.getEncoded();
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new ChainVerificationException(describe(i, c) + " cannot be encoded");
        }
    }

    private static String describe(int i, X509Certificate c) {
        return "certificate " + i + " (" + DerCertificates.subject(c) + ")";
    }
}
