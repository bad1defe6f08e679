/**
 * PCIe DOE at register level: the device-side {@link io.teeio.platform.doe.DoeMailbox} behind a DOE extended
 * capability, answered by a {@link io.teeio.platform.doe.DoeBackend} (the DSM), and the host-side
 * {@link io.teeio.platform.doe.DoeMailboxDriver} that drives it as Linux's drivers/pci/doe.c does.
 */
package io.teeio.platform.doe;
