/**
 * The emulated TEE-IO device with its DSM: {@link io.teeio.platform.dsm.EmulatedDevice} puts the pcie module's
 * {@code DeviceSecurityManager} behind the endpoint's DOE mailbox, hosts one TDI per function, and wires the
 * hardware model and the TDIs together (access gates from TDI state, security events into TDI ERROR, IDE_KM
 * into the endpoint's IDE engine, the root port in front).
 */
package io.teeio.platform.dsm;
