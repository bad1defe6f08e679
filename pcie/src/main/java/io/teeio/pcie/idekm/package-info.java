/**
 * IDE_KM: messages and codec, the DSM's responder (key slots per port and stream, Secure tracking, listeners),
 * the TSM's client, and {@link io.teeio.pcie.idekm.IdeStreamSetup} which keys both ends of a stream (the device
 * through IDE_KM, the root port through {@link io.teeio.pcie.idekm.RootPortIdeEnd}).
 *
 * <p>Decisions: a stream is Secure when every direction x sub-stream has a programmed key set to go (one key
 * set, or a mix while re-keying); KEY_PROG into a key in use is refused (UNSPECIFIED_FAILURE); K_SET_STOP
 * discards the key; the IFV of a new key must be 1; QUERY does not reset a port (spdm-emu re-initialises it);
 * KEY_PROG/K_SET_* need no prior QUERY. Key material is never printed or traced. {@link
 * io.teeio.pcie.idekm.IdeKmPort} hooks run under the responder's lock and must not call back into TDISP.
 */
package io.teeio.pcie.idekm;
