package io.teeio.platform.pci;

import java.util.OptionalInt;

/**
 * Reads and updates the Selective IDE Stream register blocks of one IDE capability: shared by the endpoint
 * and the root port, each of which owns the stream's state bits on its side of the link.
 */
public final class IdeRegisters {
    private final ConfigSpace config;
    private final int capOffset;
    private final IdeCapabilitySpec spec;

    public IdeRegisters(ConfigSpace config, int capOffset, IdeCapabilitySpec spec) {
        this.config = config;
        this.capOffset = capOffset;
        this.spec = spec;
    }

    public IdeCapabilitySpec spec() {
        return spec;
    }

    public int capOffset() {
        return capOffset;
    }

    public int blocks() {
        return spec.selectiveStreams();
    }

    public int controlOffset(int block) {
        return capOffset + spec.streamBlockOffset(block) + PciRegs.IDE_SEL_CTRL;
    }

    public int statusOffset(int block) {
        return capOffset + spec.streamBlockOffset(block) + PciRegs.IDE_SEL_STATUS;
    }

    public int rid1Offset(int block) {
        return capOffset + spec.streamBlockOffset(block) + PciRegs.IDE_SEL_RID_1;
    }

    public int rid2Offset(int block) {
        return capOffset + spec.streamBlockOffset(block) + PciRegs.IDE_SEL_RID_2;
    }

    public boolean enabled(int block) {
        return (config.hwRead(controlOffset(block), 4) & PciRegs.IDE_SEL_CTRL_ENABLE) != 0;
    }

    public int streamId(int block) {
        return config.hwRead(controlOffset(block), 4) >>> PciRegs.IDE_SEL_CTRL_ID_SHIFT;
    }

    /** The block whose Control register carries this Stream ID, if any. */
    public OptionalInt blockOf(int streamId) {
        for (int b = 0; b < blocks(); b++) {
            if (streamId(b) == streamId) {
                return OptionalInt.of(b);
            }
        }
        return OptionalInt.empty();
    }

    public IdeStreamState state(int block) {
        return IdeStreamState.fromStatus(config.hwRead(statusOffset(block), 4));
    }

    /** The hardware's update of the State field; returns the state before. */
    public IdeStreamState setState(int block, IdeStreamState state) {
        int status = config.hwRead(statusOffset(block), 4);
        IdeStreamState before = IdeStreamState.fromStatus(status);
        config.hwWrite(statusOffset(block), 4, (status & ~PciRegs.IDE_SEL_STATUS_STATE) | state.code());
        return before;
    }

    /**
     * The capability's registers after its header, as IDE_KM QUERY_RESP carries them: IDE Capability, IDE
     * Control, then every selective stream block (there are no link IDE blocks here).
     */
    public int[] registerDump() {
        int[] dump = new int[(spec.size() - 4) / 4];
        for (int i = 0; i < dump.length; i++) {
            dump[i] = config.hwRead(capOffset + 4 + 4 * i, 4);
        }
        return dump;
    }

    /** Value for a Selective IDE Stream Control register: enable and stream id (other fields 0: AES-GCM-256, TC0). */
    public static int control(int streamId, boolean enable, boolean defaultStream) {
        return streamId << PciRegs.IDE_SEL_CTRL_ID_SHIFT | (enable ? PciRegs.IDE_SEL_CTRL_ENABLE : 0)
                | (defaultStream ? PciRegs.IDE_SEL_CTRL_DEFAULT : 0);
    }
}
