package io.teeio.cli.socket;

import io.teeio.spdm.transport.MctpBinding;
import io.teeio.spdm.transport.NoneBinding;
import io.teeio.spdm.transport.TransportBinding;
import java.util.function.Supplier;

/**
 * Transport types of the socket header that teeio speaks. Value 3 is spdm-emu's TCP binding but QEMU's
 * SCSI, so it is not accepted; 4 is QEMU's NVMe.
 */
public enum SocketTransportType {
    NONE(0, "none"),
    MCTP(1, "mctp"),
    PCI_DOE(2, "pci-doe");

    private final int value;
    private final String optionName;

    SocketTransportType(int value, String optionName) {
        this.value = value;
        this.optionName = optionName;
    }

    public int value() {
        return value;
    }

    public String optionName() {
        return optionName;
    }

    public static SocketTransportType fromOption(String s) {
        for (SocketTransportType t : values()) {
            if (t.optionName.equalsIgnoreCase(s) || t.name().equalsIgnoreCase(s)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown transport '" + s + "' (expected pci-doe, mctp or none)");
    }

    /** The SPDM binding for the transports whose framing lives in the spdm module. */
    public TransportBinding spdmBinding(Supplier<TransportBinding> doe) {
        return switch (this) {
            case NONE -> new NoneBinding();
            case MCTP -> new MctpBinding();
            case PCI_DOE -> doe.get();
        };
    }

    @Override
    public String toString() {
        return optionName;
    }
}
