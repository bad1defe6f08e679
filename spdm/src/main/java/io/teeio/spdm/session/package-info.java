/**
 * The cryptographic core of SPDM 1.2 secured sessions: the DSP0274 key schedule (handshake and data
 * secrets, finished keys, key update), per-direction AEAD keys with their sequence numbers, and the
 * DSP0277 secured-message record codec. The message-level engine (KEY_EXCHANGE/FINISH, transcripts,
 * KEY_UPDATE sequencing) drives these; nothing here knows a transport beyond {@link
 * io.teeio.spdm.session.SecuredMessageFormat}.
 */
package io.teeio.spdm.session;
