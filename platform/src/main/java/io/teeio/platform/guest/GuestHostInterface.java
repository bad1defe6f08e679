package io.teeio.platform.guest;

import io.teeio.platform.device.MmioOutcome;
import io.teeio.spdm.codec.Bytes;

/**
 * What a CVM's TDISP-aware driver can ask of its host (the hypercalls a VMM serves: GHCI, GHCB, RHI) and do
 * on its own (TEE MMIO through its private mapping, its own private memory).
 */
public interface GuestHostInterface {
    /** Ask the host to bind the TDI (LOCK): {@code echo tsmN > tsm/lock}. */
    void requestLock() throws GuestException;

    /** A guest request relayed to the TSM; scope 0 = INFO, 1 = STATE_CHANGE. */
    byte[] guestRequest(int scope, byte[] request) throws GuestException;

    /** Ask the host to unbind the TDI. */
    void requestUnlock() throws GuestException;

    /** pci_enable_device() + pci_set_master(): a Command register write (MSE, BME) the VMM relays. */
    void enableDevice() throws GuestException;

    /** Ask the host to map the device's private MMIO for this CVM. */
    void mapPrivateMmio() throws GuestException;

    /** A TEE (T=1) access to the device's private MMIO at {@code offset} into BAR 0. */
    MmioOutcome privateMmio(long offset, int length, boolean write, Bytes data) throws GuestException;

    /** Reads the CVM's own private memory. */
    Bytes readPrivateMemory(long gpa, int length);

    /** Where the CVM's private RAM ends (GPAs below are private). */
    long privateMemoryEnd();
}
