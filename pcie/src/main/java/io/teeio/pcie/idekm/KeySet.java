package io.teeio.pcie.idekm;

/** IDE key set: each stream has two, so one can be programmed while the other is in use. */
public enum KeySet {
    K0, K1;

    public int bit() {
        return ordinal();
    }
}
