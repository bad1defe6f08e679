package io.teeio.platform.pci;

/** A DOE extended capability: whether it can interrupt and with which MSI/MSI-X vector. */
public record DoeCapabilitySpec(boolean interruptSupport, int interruptMessageNumber) {
    public DoeCapabilitySpec {
        if (interruptMessageNumber < 0 || interruptMessageNumber > 0x7FF) {
            throw new IllegalArgumentException("DOE interrupt message number must be 0..2047");
        }
    }

    public static DoeCapabilitySpec polled() {
        return new DoeCapabilitySpec(false, 0);
    }

    /** The read-only DOE Capabilities register. */
    public int capabilitiesRegister() {
        return interruptSupport ? PciRegs.DOE_CAP_INT_SUP | interruptMessageNumber << 1 : 0;
    }
}
