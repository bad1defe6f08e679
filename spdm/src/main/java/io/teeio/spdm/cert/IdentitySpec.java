package io.teeio.spdm.cert;

import io.teeio.spdm.crypto.BaseAsymAlgo;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link IdentityGenerator} builds: a root CA, an intermediate CA and a leaf for {@code role}, all with
 * {@code algo}'s key type, every byte a function of {@code seed}.
 *
 * @param algo      the leaf's (and the CAs') algorithm
 * @param seed      determines keys, serial numbers and ECDSA signature nonces
 * @param role      the leaf's SPDM role (extended key usage)
 * @param deviceIds the PCI identity for the leaf's CMA Subject Alternative Name; empty for none (a requester)
 * @param label     prefix of every certificate's common name (at most 40 characters, so every name stays
 *                  under libspdm's 100-byte name limit)
 * @param notBefore validity start of every certificate
 * @param notAfter  validity end of every certificate
 */
public record IdentitySpec(BaseAsymAlgo algo, long seed, EndpointRole role, Optional<DeviceIds> deviceIds,
                           String label, Instant notBefore, Instant notAfter) {
    public static final Instant DEFAULT_NOT_BEFORE = Instant.parse("2025-01-01T00:00:00Z");
    public static final Instant DEFAULT_NOT_AFTER = Instant.parse("2099-12-31T23:59:59Z");
    public static final String DEFAULT_LABEL = "teeio";
    public static final int MAX_LABEL_LENGTH = 40;

    public IdentitySpec {
        Objects.requireNonNull(algo, "algo");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(deviceIds, "deviceIds");
        Objects.requireNonNull(label, "label");
        if (label.isBlank() || label.length() > MAX_LABEL_LENGTH) {
            throw new IllegalArgumentException("label must be 1.." + MAX_LABEL_LENGTH + " characters: \"" + label + "\"");
        }
        if (!notBefore.isBefore(notAfter)) {
            throw new IllegalArgumentException("notBefore " + notBefore + " is not before notAfter " + notAfter);
        }
    }

    /** A device (responder) identity whose leaf names {@code ids}. */
    public static IdentitySpec responder(BaseAsymAlgo algo, long seed, DeviceIds ids) {
        return new IdentitySpec(algo, seed, EndpointRole.RESPONDER, Optional.of(ids), DEFAULT_LABEL,
                DEFAULT_NOT_BEFORE, DEFAULT_NOT_AFTER);
    }

    /** A requester identity (for mutual authentication); no PCI name. */
    public static IdentitySpec requester(BaseAsymAlgo algo, long seed) {
        return new IdentitySpec(algo, seed, EndpointRole.REQUESTER, Optional.empty(), DEFAULT_LABEL,
                DEFAULT_NOT_BEFORE, DEFAULT_NOT_AFTER);
    }

    public IdentitySpec withSeed(long newSeed) {
        return new IdentitySpec(algo, newSeed, role, deviceIds, label, notBefore, notAfter);
    }

    public IdentitySpec withLabel(String newLabel) {
        return new IdentitySpec(algo, seed, role, deviceIds, newLabel, notBefore, notAfter);
    }

    public IdentitySpec withValidity(Instant from, Instant to) {
        return new IdentitySpec(algo, seed, role, deviceIds, label, from, to);
    }
}
