package io.teeio.spdm.requester;

import io.teeio.spdm.cert.SpdmCertChain;
import io.teeio.spdm.cert.VerifiedChain;
import java.security.PublicKey;
import java.util.Optional;

/**
 * A slot's certificate chain as received: the SPDM chain, its digest, and the verification outcome
 * (empty when the requester was configured without trust anchors and verification off).
 */
public record CertificateChainResult(int slot, SpdmCertChain chain, byte[] digest, int messages,
        Optional<VerifiedChain> verified) {

    public PublicKey leafKey() {
        return chain.leaf().getPublicKey();
    }

    public String leafSubject() {
        return chain.leaf().getSubjectX500Principal().getName();
    }
}
