package io.teeio.platform.pci;

/**
 * A dword register whose reads and writes have effects beyond storing bits (the DOE mailbox registers):
 * attached to a {@link ConfigSpace} in place of its mask-driven storage.
 */
public interface RegisterBehaviour {
    /** A read by software: may have effects (a Status poll advances a busy mailbox). */
    int read();

    /** What the register holds, without effects: used to report old/new values to listeners. */
    int peek();

    /**
     * A write by software.
     *
     * @param value      the dword with the written bytes in place
     * @param byteEnable bit i set when byte i of the dword was written (Linux byte/word/dword accesses)
     */
    void write(int value, int byteEnable);

    /** Back to the power-on state (FLR, conventional reset). */
    void reset();
}
