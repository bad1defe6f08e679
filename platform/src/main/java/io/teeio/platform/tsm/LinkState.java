package io.teeio.platform.tsm;

/** A DSM as the TSM sees it: connected (SPDM session open, IDE stream Secure) or not. */
public enum LinkState {
    DISCONNECTED, CONNECTED
}
