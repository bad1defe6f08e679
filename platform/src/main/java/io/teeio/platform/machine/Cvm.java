package io.teeio.platform.machine;

import io.teeio.platform.guest.TdispGuestDriver;
import io.teeio.platform.kernel.Bdf;
import io.teeio.platform.vmm.Vmm;

/** A confidential VM on the machine: its VMM, its RAM and the TDISP-aware driver for its assigned device. */
public record Cvm(String name, Bdf device, Vmm vmm, GuestMemory memory, TdispGuestDriver driver) {
}
