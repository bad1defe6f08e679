/**
 * The platform TSM firmware: {@link io.teeio.platform.tsm.PlatformTsm} connects to DSMs through their DOE
 * mailbox registers only (SPDM, session, IDE_KM; the root port's IDE keys directly), binds TDIs to VMs with
 * TDISP, and serves guest requests encoded by {@link io.teeio.platform.tsm.GuestRequestCodec}, with operations
 * shaped like Linux's PCI/TSM link ops.
 */
package io.teeio.platform.tsm;
