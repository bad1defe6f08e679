package io.teeio.platform.pci;

/**
 * The parts of the PCI Express capability the model varies.
 *
 * @param portType             Device/Port Type (PciRegs.EXP_TYPE_*)
 * @param flrCapable           Device Capabilities Function Level Reset Capability
 * @param extendedTagSupported Device Capabilities Extended Tag Field Supported
 * @param phantomFunctions     Phantom Functions Supported (0 = none; then the enable bit is read-only 0)
 * @param tenBitTagRequester   Device Capabilities 2 10-Bit Tag Requester Supported
 */
public record PcieCapabilitySpec(int portType, boolean flrCapable, boolean extendedTagSupported,
        int phantomFunctions, boolean tenBitTagRequester) {
    public PcieCapabilitySpec {
        if (portType < 0 || portType > 0xF) {
            throw new IllegalArgumentException("port type must be 0..15, was " + portType);
        }
        if (phantomFunctions < 0 || phantomFunctions > 3) {
            throw new IllegalArgumentException("phantom functions must be 0..3, was " + phantomFunctions);
        }
    }

    public static PcieCapabilitySpec endpoint() {
        return new PcieCapabilitySpec(PciRegs.EXP_TYPE_ENDPOINT, true, true, 1, true);
    }

    public static PcieCapabilitySpec rootPort() {
        return new PcieCapabilitySpec(PciRegs.EXP_TYPE_ROOT_PORT, false, true, 0, true);
    }

    public boolean isPort() {
        return portType == PciRegs.EXP_TYPE_ROOT_PORT || portType == 0x5 || portType == 0x6;
    }
}
