package io.teeio.platform.doe;

import static io.teeio.platform.pci.PciRegs.*;

import io.teeio.platform.pci.CapabilityWalker;
import io.teeio.platform.pci.ConfigAccessor;
import io.teeio.trace.Tracer;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The host side of one DOE mailbox, doing through config reads and writes what Linux's
 * drivers/pci/doe.c does: check Busy/Error, write the object DW by DW, Go, poll Status for Data Object Ready
 * or Error within a budget (Linux: 1 s at 1/128 s intervals, hence 128 polls), read and pop the response,
 * check Error once more; on any failure Abort and wait for Busy and Error to clear, and if they do not,
 * declare the mailbox dead. One exchange at a time.
 */
public final class DoeMailboxDriver {
    /** Linux polls every PCI_DOE_TIMEOUT / 128 for at most PCI_DOE_TIMEOUT. */
    public static final int DEFAULT_POLL_BUDGET = 128;
    private static final int VID_TYPE_MASK = 0x00FFFFFF;

    private final ConfigAccessor config;
    private final int cap;
    private final int pollBudget;
    private final Tracer tracer;
    private final String actor;
    private boolean dead;

    public DoeMailboxDriver(ConfigAccessor config, int capOffset, int pollBudget, Tracer tracer, String actor) {
        this.config = Objects.requireNonNull(config);
        if (capOffset < EXT_CAP_START || capOffset % 4 != 0) {
            throw new IllegalArgumentException("DOE capability offset 0x" + Integer.toHexString(capOffset)
                    + " is not a dword in extended config space");
        }
        if (pollBudget < 1) {
            throw new IllegalArgumentException("poll budget must be >= 1");
        }
        this.cap = capOffset;
        this.pollBudget = pollBudget;
        this.tracer = Objects.requireNonNull(tracer);
        this.actor = Objects.requireNonNull(actor);
    }

    /** Finds the first DOE capability by walking the extended capability list, as pci_doe_init() does. */
    public static OptionalInt find(ConfigAccessor config) {
        int off = CapabilityWalker.findExtCapability(config, EXT_CAP_ID_DOE);
        return off == 0 ? OptionalInt.empty() : OptionalInt.of(off);
    }

    public boolean dead() {
        return dead;
    }

    /**
     * Sends a whole request object (header included; its Length must match its size) and returns the whole
     * response object. Matches the pcie module's {@code DoeChannel}.
     */
    public synchronized byte[] exchange(byte[] requestObject) throws DoeException {
        if (requestObject.length < 8 || requestObject.length % 4 != 0) {
            throw new IllegalArgumentException("a DOE object is a whole number of DWs with an 8-byte header, got "
                    + requestObject.length + " bytes");
        }
        int dw0 = le32(requestObject, 0);
        int length = le32(requestObject, 4) & 0x3FFFF;
        int dwords = requestObject.length / 4;
        if ((length == 0 ? DoeMailboxConfig.MAX_OBJECT_DWORDS : length) != dwords) {
            throw new IllegalArgumentException("request header Length is " + length + " DW but the object has "
                    + dwords + " DW");
        }
        byte[] payload = new byte[requestObject.length - 8];
        System.arraycopy(requestObject, 8, payload, 0, payload.length);
        return toBytes(run(dw0 & 0xFFFF, (dw0 >>> 16) & 0xFF, payload));
    }

    /**
     * Linux's pci_doe(): sends {@code payload} as a (vendorId, type) object and returns the response payload
     * (after the header, a whole number of DWs).
     */
    public synchronized byte[] exchange(int vendorId, int type, byte[] payload) throws DoeException {
        int[] response = run(vendorId, type, payload);
        byte[] out = new byte[(response.length - 2) * 4];
        for (int i = 2; i < response.length; i++) {
            putLe32(out, (i - 2) * 4, response[i]);
        }
        return out;
    }

    /** Aborts whatever the mailbox is doing and waits for it to settle (pci_doe_abort()). */
    public synchronized void abort() throws DoeException {
        if (!abortAndWait()) {
            dead = true;
            throw new DoeException(DoeError.MAILBOX_DEAD, "Abort did not clear Busy and Error within "
                    + pollBudget + " polls");
        }
    }

    private int[] run(int vendorId, int type, byte[] payload) throws DoeException {
        if (vendorId < 0 || vendorId > 0xFFFF || type < 0 || type > 0xFF) {
            throw new IllegalArgumentException("vendor id must be 16 bits and type 8 bits");
        }
        if (dead) {
            throw new DoeException(DoeError.MAILBOX_DEAD, "an earlier Abort failed; the mailbox is not used again");
        }
        int payloadDw = (payload.length + 3) / 4;
        long length = 2L + payloadDw;
        if (length > DoeMailboxConfig.MAX_OBJECT_DWORDS) {
            throw new IllegalArgumentException("request of " + length + " DW exceeds the 2^18-DW DOE maximum");
        }
        int status = config.readDword(cap + DOE_STATUS);
        if ((status & DOE_STATUS_BUSY) != 0) {
            fail(DoeError.BUSY, "mailbox Busy before the request was written (another entity is using it)");
        }
        if ((status & DOE_STATUS_ERROR) != 0) {
            fail(DoeError.ERROR, "Error set before the request was written");
        }
        int header0 = vendorId | type << 16;
        config.writeDword(cap + DOE_WRITE, header0);
        config.writeDword(cap + DOE_WRITE, length == DoeMailboxConfig.MAX_OBJECT_DWORDS ? 0 : (int) length);
        for (int i = 0; i < payloadDw; i++) {
            config.writeDword(cap + DOE_WRITE, le32Padded(payload, 4 * i));
        }
        config.writeDword(cap + DOE_CTRL, DOE_CTRL_GO);
        tracer.event("kernel", actor, "DOE", "DOE_REQUEST", String.format("vendor 0x%04x type 0x%02x, %d DW",
                vendorId, type, length));

        for (int polls = 0; ; polls++) {
            status = config.readDword(cap + DOE_STATUS);
            if ((status & DOE_STATUS_ERROR) != 0) {
                fail(DoeError.ERROR, "Error set while waiting for the response");
            }
            if ((status & DOE_STATUS_DATA_OBJECT_READY) != 0) {
                break;
            }
            if (polls >= pollBudget) {
                fail(DoeError.TIMEOUT, "no Data Object Ready after " + pollBudget + " polls");
            }
        }

        int first = config.readDword(cap + DOE_READ);
        if ((first & VID_TYPE_MASK) != header0) {
            fail(DoeError.UNEXPECTED_RESPONSE, String.format("expected [vendor, type] = [%04x, %02x], got [%04x, %02x]",
                    vendorId, type, first & 0xFFFF, (first >>> 16) & 0xFF));
        }
        config.writeDword(cap + DOE_READ, 0);
        int second = config.readDword(cap + DOE_READ);
        config.writeDword(cap + DOE_READ, 0);
        int respLength = second & 0x3FFFF;
        if (respLength == 0) {
            respLength = DoeMailboxConfig.MAX_OBJECT_DWORDS;
        }
        if (respLength < 2) {
            fail(DoeError.MALFORMED_RESPONSE, "response header Length " + respLength + " DW is below the header");
        }
        int[] response = new int[respLength];
        response[0] = first;
        response[1] = second;
        for (int i = 2; i < respLength; i++) {
            response[i] = config.readDword(cap + DOE_READ);
            if (i == respLength - 1
                    && (config.readDword(cap + DOE_STATUS) & DOE_STATUS_DATA_OBJECT_READY) == 0) {
                fail(DoeError.ABORTED, "Data Object Ready cleared before the last DW was read (response withdrawn)");
            }
            config.writeDword(cap + DOE_READ, 0);
        }
        if ((config.readDword(cap + DOE_STATUS) & DOE_STATUS_ERROR) != 0) {
            fail(DoeError.ERROR, "Error set after the response was read");
        }
        tracer.event("kernel", actor, "DOE", "DOE_RESPONSE", respLength + " DW");
        return response;
    }

    /** Linux's signal_task_abort(): abort, and if that fails the mailbox is dead. Always throws. */
    private void fail(DoeError error, String message) throws DoeException {
        tracer.event("kernel", actor, "DOE", "DOE_FAILED", error + ": " + message + "; aborting");
        if (!abortAndWait()) {
            dead = true;
            throw new DoeException(DoeError.MAILBOX_DEAD, message + "; then Abort did not clear Busy and Error within "
                    + pollBudget + " polls");
        }
        throw new DoeException(error, message);
    }

    private boolean abortAndWait() {
        config.writeDword(cap + DOE_CTRL, DOE_CTRL_ABORT);
        for (int polls = 0; polls < pollBudget; polls++) {
            int status = config.readDword(cap + DOE_STATUS);
            if ((status & (DOE_STATUS_BUSY | DOE_STATUS_ERROR)) == 0) {
                return true;
            }
        }
        return false;
    }

    private static int le32(byte[] b, int off) {
        return b[off] & 0xFF | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
    }

    private static int le32Padded(byte[] b, int off) {
        int v = 0;
        for (int i = 0; i < 4 && off + i < b.length; i++) {
            v |= (b[off + i] & 0xFF) << (8 * i);
        }
        return v;
    }

    private static void putLe32(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    private static byte[] toBytes(int[] dwords) {
        byte[] out = new byte[dwords.length * 4];
        for (int i = 0; i < dwords.length; i++) {
            putLe32(out, 4 * i, dwords[i]);
        }
        return out;
    }
}
