package io.teeio.spdm.cert;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A chain {@link ChainVerifier} accepted.
 *
 * @param certificates   the chain, first to leaf
 * @param anchor         the trust anchor it is rooted in (the first certificate itself, or its signer)
 * @param leafPublicKey  the key that SPDM signatures of this slot must verify under
 * @param leafSubject    the leaf's subject, RFC 2253 form
 */
public record VerifiedChain(List<X509Certificate> certificates, X509Certificate anchor, PublicKey leafPublicKey,
                            String leafSubject) {
    public VerifiedChain {
        certificates = List.copyOf(certificates);
    }

    public X509Certificate leaf() {
        return certificates.get(certificates.size() - 1);
    }
}
