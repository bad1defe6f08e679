package io.teeio.platform.pci;

/** The Selective IDE Stream State field of the IDE Stream Status register. */
public enum IdeStreamState {
    INSECURE(0b0000), SECURE(0b0010);

    private final int code;

    IdeStreamState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static IdeStreamState fromStatus(int status) {
        return (status & PciRegs.IDE_SEL_STATUS_STATE) == SECURE.code ? SECURE : INSECURE;
    }
}
