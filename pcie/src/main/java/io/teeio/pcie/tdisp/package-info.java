/**
 * TDISP 1.0: every message and its codec, the TDI report, the DSM's per-TDI state machine ({@link
 * io.teeio.pcie.tdisp.Tdi}) and responder, and the TSM's client.
 *
 * <p>Decisions: STOP_INTERFACE_REQUEST succeeds from every state (spec; spdm-emu refuses it in
 * CONFIG_UNLOCKED); MMIO_REPORTING_OFFSET is a signed byte offset that must be whole 4 KiB pages and is added to
 * every reported range (spdm-emu ignores it); GET_TDISP_VERSION does not reset the TDI (spdm-emu re-creates it);
 * requests after LOCK are not tied to the locking session except through the START nonce; the locking session
 * ending sends a CONFIG_LOCKED or RUN TDI to ERROR.
 */
package io.teeio.pcie.tdisp;
