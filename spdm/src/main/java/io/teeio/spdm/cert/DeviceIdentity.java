package io.teeio.spdm.cert;

import io.teeio.spdm.crypto.BaseAsymAlgo;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Set;

/**
 * What an SPDM endpoint signs with for one certificate slot: its chain and the leaf's private key.
 * The key is checked to belong to the leaf and to fit {@code asym}; {@link #toString()} never shows it.
 */
public final class DeviceIdentity {
    private final BaseAsymAlgo asym;
    private final SpdmCertChain chain;
    private final PrivateKey privateKey;

    /**
     * @throws IllegalArgumentException if the leaf key does not fit {@code asym} or the private key is not
     *                                  the leaf's
     */
    public DeviceIdentity(BaseAsymAlgo asym, SpdmCertChain chain, PrivateKey privateKey) {
        this.asym = Objects.requireNonNull(asym, "asym");
        this.chain = Objects.requireNonNull(chain, "chain");
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        PublicKey leafKey = chain.leaf().getPublicKey();
        if (!AsymKeys.fitting(leafKey).contains(asym)) {
            throw new IllegalArgumentException("leaf " + DerCertificates.subject(chain.leaf()) + " has an "
                    + AsymKeys.describe(leafKey) + " key, which does not fit " + asym);
        }
        if (!AsymKeys.matches(privateKey, leafKey)) {
            throw new IllegalArgumentException("private key does not match the leaf certificate "
                    + DerCertificates.subject(chain.leaf()));
        }
    }

    public BaseAsymAlgo asym() {
        return asym;
    }

    public SpdmCertChain chain() {
        return chain;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public X509Certificate leaf() {
        return chain.leaf();
    }

    public PublicKey publicKey() {
        return chain.leaf().getPublicKey();
    }

    /** Every algorithm this key can sign with: an RSA key serves both RSASSA and RSAPSS of its size. */
    public Set<BaseAsymAlgo> supportedAlgos() {
        return AsymKeys.fitting(publicKey());
    }

    /** The same chain and key used under another algorithm it fits (e.g. RSASSA instead of RSAPSS). */
    public DeviceIdentity as(BaseAsymAlgo other) {
        return other == asym ? this : new DeviceIdentity(other, chain, privateKey);
    }

    @Override
    public String toString() {
        return "DeviceIdentity[" + asym + ", leaf " + DerCertificates.subject(chain.leaf()) + ", "
                + chain.size() + " certificates, private key not shown]";
    }
}
