package io.teeio.platform.rootport;

/** IDE key set (same names as the pcie module's IDE_KM KeySet, so adapters map by name). */
public enum KeySet {
    K0, K1
}
