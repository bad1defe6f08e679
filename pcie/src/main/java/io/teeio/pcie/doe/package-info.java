/**
 * PCIe DOE (Data Object Exchange): data objects and their codec, the protocols (discovery, CMA/SPDM,
 * secured CMA/SPDM), discovery on both sides, and the device-side dispatcher a mailbox model calls on Go.
 *
 * <p>Decision: a discovery index past the last protocol is answered VendorID 0xFFFF / type 0xFF / NextIndex 0
 * (QEMU's behaviour) rather than left unanswered (spdm-emu's), so a probing host stops at once instead of
 * timing out. Objects that do not decode or whose protocol has no handler get no response, as a mailbox
 * discards them.
 */
package io.teeio.pcie.doe;
