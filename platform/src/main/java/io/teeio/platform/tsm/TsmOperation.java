package io.teeio.platform.tsm;

/** The TSM's operations, as Linux's PCI/TSM link ops name them (plus the state queries). */
public enum TsmOperation {
    PROBE, CONNECT, DISCONNECT, BIND, UNBIND, GUEST_REQUEST, TDI_STATE, LINK_STATE
}
