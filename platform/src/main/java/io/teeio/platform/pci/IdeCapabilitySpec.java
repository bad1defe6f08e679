package io.teeio.platform.pci;

/**
 * An IDE extended capability with selective streams only (no link IDE), IDE_KM supported, AES-GCM-256.
 *
 * @param selectiveStreams    how many Selective IDE Stream register blocks (1..256)
 * @param addressBlocksPerStream address association register blocks in each (0..15)
 */
public record IdeCapabilitySpec(int selectiveStreams, int addressBlocksPerStream) {
    public IdeCapabilitySpec {
        if (selectiveStreams < 1 || selectiveStreams > 256) {
            throw new IllegalArgumentException("selective streams must be 1..256, was " + selectiveStreams);
        }
        if (addressBlocksPerStream < 0 || addressBlocksPerStream > 15) {
            throw new IllegalArgumentException("address association blocks must be 0..15");
        }
    }

    public int streamBlockSize() {
        return PciRegs.IDE_SEL_ADDR_BLOCKS + addressBlocksPerStream * PciRegs.IDE_SEL_ADDR_BLOCK_SIZE;
    }

    /** Offset of selective stream block {@code block} from the start of the capability. */
    public int streamBlockOffset(int block) {
        if (block < 0 || block >= selectiveStreams) {
            throw new IllegalArgumentException("no selective stream block " + block);
        }
        return PciRegs.IDE_SEL_BLOCKS + block * streamBlockSize();
    }

    public int size() {
        return PciRegs.IDE_SEL_BLOCKS + selectiveStreams * streamBlockSize();
    }

    /**
     * The capability's registers after its header as they read at power-on, in QUERY_RESP order: IDE Capability,
     * IDE Control, then each Selective IDE Stream block (capability, control, status, RID association 1 and 2,
     * address association blocks); everything software sets is still 0.
     */
    public java.util.List<Integer> powerOnRegisters() {
        java.util.List<Integer> out = new java.util.ArrayList<>();
        out.add(capabilityRegister());
        out.add(0);
        for (int b = 0; b < selectiveStreams; b++) {
            out.add(addressBlocksPerStream);
            for (int i = 1; i < streamBlockSize() / 4; i++) {
                out.add(0);
            }
        }
        return out;
    }

    /** The read-only IDE Capability register: selective streams, IDE_KM, number of streams minus one. */
    public int capabilityRegister() {
        return PciRegs.IDE_CAP_SELECTIVE | PciRegs.IDE_CAP_IDE_KM
                | (selectiveStreams - 1) << PciRegs.IDE_CAP_SEL_STREAMS_SHIFT;
    }
}
