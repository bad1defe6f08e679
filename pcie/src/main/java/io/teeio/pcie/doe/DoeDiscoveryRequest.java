package io.teeio.pcie.doe;

/**
 * DOE Discovery request (type 0): which entry of the responder's protocol list to report.
 *
 * @param index   the entry, 0 first
 * @param version the discovery version (PCIe 6.1+; 0 from older requesters such as spdm-emu)
 */
public record DoeDiscoveryRequest(int index, int version) {
    public DoeDiscoveryRequest {
        if (index < 0 || index > 0xFF) {
            throw new IllegalArgumentException("discovery Index out of 8 bits: " + index);
        }
        if (version < 0 || version > 0xFF) {
            throw new IllegalArgumentException("discovery Version out of 8 bits: " + version);
        }
    }
}
