package io.teeio.platform.doe;

import static io.teeio.platform.pci.PciRegs.*;

import io.teeio.platform.fault.FaultInjector;
import io.teeio.platform.fault.FaultPoint;
import io.teeio.platform.pci.ConfigSpace;
import io.teeio.platform.pci.DoeCapabilitySpec;
import io.teeio.platform.pci.RegisterBehaviour;
import io.teeio.trace.Tracer;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The device side of one DOE instance at register level (PROTOCOLS.md §4.3): Control, Status and the two
 * data mailboxes, attached to the function's DOE extended capability. A request is DWs appended to the
 * Write Data Mailbox, then Go; the whole object goes to the {@link DoeBackend}; the response is read DW by
 * DW from the Read Data Mailbox, each write to it popping one.
 *
 * <p>Decisions where sources differ or leave room:
 * <ul>
 *   <li>Header Length not matching the DWs written: discarded, then Error or silence per
 *       {@link LengthMismatchPolicy} (Error by default; QEMU is silent).</li>
 *   <li>Go while Busy or while Error is set: ignored (software must Abort first).</li>
 *   <li>Writes to the Write Data Mailbox while Busy, or narrower than a DW: dropped.</li>
 *   <li>Reading the Read Data Mailbox with nothing ready returns 0; popping with nothing ready sets Error.</li>
 *   <li>A backend answering with something that is not a whole DW object with a matching Length: Error.</li>
 *   <li>Busy is asynchronous when {@link DoeMailboxConfig#latencyPolls()} &gt; 0: the backend runs at the
 *       Status read that completes the request.</li>
 * </ul>
 * Fault points queried here: {@link FaultPoint#DOE_BUSY}, {@link FaultPoint#DOE_TIMEOUT},
 * {@link FaultPoint#DOE_ABORT}, {@link FaultPoint#DOE_CORRUPT_OBJECT} (see each for when).
 */
public final class DoeMailbox {
    private static final String LAYER = "device";

    private enum Busy { NO, PROCESSING, FOREIGN }

    private final DoeCapabilitySpec capability;
    private final DoeMailboxConfig config;
    private final DoeBackend backend;
    private final FaultInjector faults;
    private final DoeInterruptLine interrupt;
    private final Tracer tracer;
    private final String actor;

    private int[] writeBuffer = new int[64];
    private int written;
    private Busy busy = Busy.NO;
    private int[] pending;
    private int pollsLeft;
    private boolean dropPending;
    private boolean withdrawPending;
    private int[] response;
    private int readIndex;
    private int withdrawAt = -1;
    private boolean error;
    private boolean interruptStatus;
    private boolean interruptEnable;
    private boolean idleQueried;

    public DoeMailbox(DoeCapabilitySpec capability, DoeMailboxConfig config, DoeBackend backend,
            FaultInjector faults, DoeInterruptLine interrupt, Tracer tracer, String actor) {
        this.capability = Objects.requireNonNull(capability);
        this.config = Objects.requireNonNull(config);
        this.backend = Objects.requireNonNull(backend);
        this.faults = Objects.requireNonNull(faults);
        this.interrupt = Objects.requireNonNull(interrupt);
        this.tracer = Objects.requireNonNull(tracer);
        this.actor = Objects.requireNonNull(actor);
    }

    /** Puts the mailbox's registers into the DOE capability at {@code capOffset} of {@code space}. */
    public void attachTo(ConfigSpace space, int capOffset) {
        space.attach(capOffset + DOE_CTRL, new ControlRegister());
        space.attach(capOffset + DOE_STATUS, new StatusRegister());
        space.attach(capOffset + DOE_WRITE, new WriteMailbox());
        space.attach(capOffset + DOE_READ, new ReadMailbox());
    }

    public boolean busy() {
        return busy != Busy.NO;
    }

    public boolean dataObjectReady() {
        return response != null;
    }

    public boolean error() {
        return error;
    }

    /** DWs written since the last Go or Abort. */
    public int requestDwordsWritten() {
        return written;
    }

    /** Power-on state: both mailboxes emptied, nothing in flight (FLR, conventional reset). */
    public void reset() {
        boolean active = written > 0 || busy() || response != null || error;
        discardAll();
        interruptStatus = false;
        interruptEnable = false;
        idleQueried = false;
        if (active) {
            tracer.event(LAYER, actor, "", "DOE_RESET", "mailbox reset with an exchange in progress");
        }
    }

    private int status() {
        return (busy() ? DOE_STATUS_BUSY : 0) | (interruptStatus ? DOE_STATUS_INT_STATUS : 0)
                | (error ? DOE_STATUS_ERROR : 0) | (response != null ? DOE_STATUS_DATA_OBJECT_READY : 0);
    }

    private boolean idle() {
        return busy == Busy.NO && response == null && !error && written == 0;
    }

    private void statusPolled() {
        if (busy == Busy.PROCESSING && --pollsLeft <= 0) {
            complete();
        } else if (idle() && !idleQueried) {
            idleQueried = true;
            if (faults.fires(FaultPoint.DOE_BUSY)) {
                busy = Busy.FOREIGN;
                tracer.event(LAYER, actor, "", "FAULT", FaultPoint.DOE_BUSY + ": mailbox Busy until Abort");
            }
        }
    }

    private void abort() {
        discardAll();
        tracer.event(LAYER, actor, "", "DOE_ABORT", "both mailboxes discarded");
    }

    private void discardAll() {
        written = 0;
        busy = Busy.NO;
        pending = null;
        dropPending = false;
        withdrawPending = false;
        response = null;
        readIndex = 0;
        withdrawAt = -1;
        error = false;
    }

    private void go() {
        if (busy() || error) {
            tracer.event(LAYER, actor, "", "DOE_GO_IGNORED", busy() ? "mailbox Busy" : "Error set; Abort first");
            return;
        }
        int[] request = Arrays.copyOf(writeBuffer, written);
        written = 0;
        String mismatch = lengthMismatch(request);
        if (mismatch != null) {
            if (config.lengthMismatch() == LengthMismatchPolicy.DISCARD_AND_ERROR) {
                setError("request discarded: " + mismatch);
            } else {
                tracer.event(LAYER, actor, "", "DOE_DISCARDED", "request discarded silently: " + mismatch);
            }
            return;
        }
        if (response != null) {
            tracer.event(LAYER, actor, "", "DOE_DISCARDED", "unread response dropped by a new Go");
            response = null;
        }
        busy = Busy.PROCESSING;
        pending = request;
        dropPending = faults.fires(FaultPoint.DOE_TIMEOUT);
        withdrawPending = faults.fires(FaultPoint.DOE_ABORT);
        tracer.event(LAYER, actor, "", "DOE_GO", "request " + request.length + " DW, " + describe(request[0]));
        pollsLeft = config.latencyPolls();
        if (pollsLeft == 0) {
            complete();
        }
    }

    private static String lengthMismatch(int[] request) {
        if (request.length < 2) {
            return request.length + " DW written, fewer than the 2-DW header";
        }
        int length = request[1] & 0x3FFFF;
        int expected = length == 0 ? DoeMailboxConfig.MAX_OBJECT_DWORDS : length;
        return expected == request.length ? null
                : "header Length " + expected + " DW but " + request.length + " DW written";
    }

    private void complete() {
        busy = Busy.NO;
        int[] request = pending;
        pending = null;
        if (dropPending) {
            dropPending = false;
            tracer.event(LAYER, actor, "", "FAULT", FaultPoint.DOE_TIMEOUT + ": request taken, no response will come");
            return;
        }
        Optional<byte[]> answer = backend.handle(toBytes(request));
        if (answer.isEmpty()) {
            tracer.event(LAYER, actor, "", "DOE_NO_RESPONSE", "backend gave no response to " + describe(request[0]));
            return;
        }
        byte[] bytes = answer.get();
        String bad = malformed(bytes);
        if (bad != null) {
            setError("backend response rejected: " + bad);
            return;
        }
        int[] dwords = toDwords(bytes);
        if (faults.fires(FaultPoint.DOE_CORRUPT_OBJECT)) {
            int flip = (1 + faults.choose(0xFF)) << 16;
            dwords[0] ^= flip;
            tracer.event(LAYER, actor, "", "FAULT", FaultPoint.DOE_CORRUPT_OBJECT + ": response header DW0 "
                    + describe(dwords[0] ^ flip) + " -> " + describe(dwords[0]));
        }
        response = dwords;
        readIndex = 0;
        withdrawAt = withdrawPending ? 2 : -1;
        withdrawPending = false;
        tracer.event(LAYER, actor, "", "DOE_READY", "response " + dwords.length + " DW");
        signal();
    }

    private static String malformed(byte[] object) {
        if (object.length < 8 || object.length % 4 != 0) {
            return object.length + " bytes is not a whole-DW object with a header";
        }
        int length = (object[4] & 0xFF | (object[5] & 0xFF) << 8 | (object[6] & 0x03) << 16);
        int expected = length == 0 ? DoeMailboxConfig.MAX_OBJECT_DWORDS : length;
        return expected == object.length / 4 ? null
                : "header Length " + expected + " DW but " + object.length / 4 + " DW";
    }

    private void pop() {
        if (response == null) {
            setError("Read Data Mailbox popped with no data object ready");
            return;
        }
        readIndex++;
        if (readIndex == withdrawAt) {
            response = null;
            withdrawAt = -1;
            tracer.event(LAYER, actor, "", "FAULT", FaultPoint.DOE_ABORT + ": device aborted the exchange mid-response");
            return;
        }
        if (readIndex >= response.length) {
            response = null;
            readIndex = 0;
            idleQueried = false;
        }
    }

    private void setError(String reason) {
        error = true;
        tracer.event(LAYER, actor, "", "DOE_ERROR", reason);
        signal();
    }

    private void signal() {
        if (interruptEnable) {
            interruptStatus = true;
            interrupt.raise(capability.interruptMessageNumber());
        }
    }

    private static String describe(int headerDw0) {
        return String.format("vendor 0x%04x type 0x%02x", headerDw0 & 0xFFFF, (headerDw0 >>> 16) & 0xFF);
    }

    private static byte[] toBytes(int[] dwords) {
        byte[] out = new byte[dwords.length * 4];
        for (int i = 0; i < dwords.length; i++) {
            out[4 * i] = (byte) dwords[i];
            out[4 * i + 1] = (byte) (dwords[i] >>> 8);
            out[4 * i + 2] = (byte) (dwords[i] >>> 16);
            out[4 * i + 3] = (byte) (dwords[i] >>> 24);
        }
        return out;
    }

    private static int[] toDwords(byte[] bytes) {
        int[] out = new int[bytes.length / 4];
        for (int i = 0; i < out.length; i++) {
            out[i] = bytes[4 * i] & 0xFF | (bytes[4 * i + 1] & 0xFF) << 8 | (bytes[4 * i + 2] & 0xFF) << 16
                    | (bytes[4 * i + 3] & 0xFF) << 24;
        }
        return out;
    }

    private final class ControlRegister implements RegisterBehaviour {
        @Override
        public int read() {
            return peek();
        }

        @Override
        public int peek() {
            return interruptEnable ? DOE_CTRL_INT_EN : 0;
        }

        @Override
        public void write(int value, int byteEnable) {
            if ((byteEnable & 1) != 0) {
                if ((value & DOE_CTRL_ABORT) != 0) {
                    abort();
                    return;
                }
                interruptEnable = capability.interruptSupport() && (value & DOE_CTRL_INT_EN) != 0;
            }
            if ((byteEnable & 8) != 0 && (value & DOE_CTRL_GO) != 0) {
                go();
            }
        }

        @Override
        public void reset() {
            DoeMailbox.this.reset();
        }
    }

    private final class StatusRegister implements RegisterBehaviour {
        @Override
        public int read() {
            statusPolled();
            return status();
        }

        @Override
        public int peek() {
            return status();
        }

        @Override
        public void write(int value, int byteEnable) {
            if ((byteEnable & 1) != 0 && (value & DOE_STATUS_INT_STATUS) != 0) {
                interruptStatus = false;
            }
        }

        @Override
        public void reset() {
            DoeMailbox.this.reset();
        }
    }

    private final class WriteMailbox implements RegisterBehaviour {
        @Override
        public int read() {
            return 0;
        }

        @Override
        public int peek() {
            return 0;
        }

        @Override
        public void write(int value, int byteEnable) {
            if (byteEnable != 0xF) {
                tracer.event(LAYER, actor, "", "DOE_WRITE_DROPPED", "Write Data Mailbox takes whole DWs only");
                return;
            }
            if (busy()) {
                tracer.event(LAYER, actor, "", "DOE_WRITE_DROPPED", "DW written while Busy");
                return;
            }
            if (written >= config.maxObjectDwords()) {
                setError("request longer than " + config.maxObjectDwords() + " DW");
                return;
            }
            if (written == writeBuffer.length) {
                writeBuffer = Arrays.copyOf(writeBuffer, Math.min(writeBuffer.length * 2, config.maxObjectDwords()));
            }
            writeBuffer[written++] = value;
        }

        @Override
        public void reset() {
            DoeMailbox.this.reset();
        }
    }

    private final class ReadMailbox implements RegisterBehaviour {
        @Override
        public int read() {
            return peek();
        }

        @Override
        public int peek() {
            return response != null ? response[readIndex] : 0;
        }

        @Override
        public void write(int value, int byteEnable) {
            pop();
        }

        @Override
        public void reset() {
            DoeMailbox.this.reset();
        }
    }
}
