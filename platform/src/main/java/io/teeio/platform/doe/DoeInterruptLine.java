package io.teeio.platform.doe;

/** Where a mailbox signals its MSI/MSI-X vector when Interrupt Enable is set. */
@FunctionalInterface
public interface DoeInterruptLine {
    DoeInterruptLine NONE = vector -> { };

    void raise(int messageNumber);
}
