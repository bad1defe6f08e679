package io.teeio.cli.bench;

import io.teeio.spdm.crypto.CryptoProviders;

/** The asymmetric operations timed per provider, with the {@link CryptoProviders} choice each one falls under. */
enum AsymOperation {
    SIGN("ECDSA sign", CryptoProviders.Operation.ECDSA_SIGN),
    VERIFY("ECDSA verify", CryptoProviders.Operation.ECDSA_VERIFY),
    ECDH("ECDH agreement", CryptoProviders.Operation.ECDH_AGREEMENT),
    KEY_GENERATION("EC key generation", CryptoProviders.Operation.ECDH_KEY_GENERATION),
    RSA_SIGN("RSA sign", CryptoProviders.Operation.RSA),
    RSA_VERIFY("RSA verify", CryptoProviders.Operation.RSA);

    private final String label;
    private final CryptoProviders.Operation choice;

    AsymOperation(String label, CryptoProviders.Operation choice) {
        this.label = label;
        this.choice = choice;
    }

    String label() {
        return label;
    }

    CryptoProviders.Operation choice() {
        return choice;
    }
}
