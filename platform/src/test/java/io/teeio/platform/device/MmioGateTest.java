package io.teeio.platform.device;

import static io.teeio.platform.device.CompletionStatus.*;
import static io.teeio.platform.device.TdiSecurityState.*;
import static io.teeio.platform.pci.PciRegs.*;
import static org.junit.jupiter.api.Assertions.*;

import io.teeio.spdm.codec.Bytes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MMIO outcomes with and without the T bit for each TDI state the gate reports. */
class MmioGateTest {
    private static final long BAR = 0xF000000000L;
    private static final int STREAM = 3;

    private final TestGates gates = new TestGates();
    private final Endpoint endpoint = Endpoint.builder(EndpointSpec.builder().build()).gates(gates).build();

    MmioGateTest() {
        LinuxLikeHost.enablePf(endpoint, BAR);
        endpoint.pf().memory(0).write(0x100, Bytes.fromHex("11223344"));
    }

    private MmioOutcome read(boolean tee) {
        return endpoint.mmio(MmioRequest.read(BAR + 0x100, 4, tee));
    }

    private MmioOutcome readViaStream(boolean tee, int stream) {
        return endpoint.mmio(MmioRequest.read(BAR + 0x100, 4, tee).viaStream(stream));
    }

    @Test
    void unlockedTdiServesHostRequests() {
        gates.all(CONFIG_UNLOCKED);
        MmioOutcome o = read(false);
        assertEquals(SUCCESSFUL, o.status());
        assertEquals(Bytes.fromHex("11223344"), o.data());
    }

    @Test
    void unlockedTdiRefusesTeeRequestsAsUnsupported() {
        gates.all(CONFIG_UNLOCKED).secureStream(STREAM);
        MmioOutcome o = readViaStream(true, STREAM);
        assertEquals(UNSUPPORTED_REQUEST, o.status());
        assertTrue(o.reason().contains("CONFIG_UNLOCKED"), o.reason());
    }

    @Test
    void lockedTdiRefusesHostRequestsToTeeMemoryWithCompleterAbort() {
        gates.all(CONFIG_LOCKED);
        MmioOutcome o = read(false);
        assertEquals(COMPLETER_ABORT, o.status());
        assertTrue(o.data().isEmpty());
    }

    @Test
    void lockedTdiServesHostRequestsToNonTeeMemory() {
        gates.all(CONFIG_LOCKED).nonTeeBar(0);
        assertEquals(SUCCESSFUL, read(false).status());
    }

    @Test
    void lockedTdiRefusesTeeRequestsBecauseItIsNotRunning() {
        gates.all(CONFIG_LOCKED).secureStream(STREAM);
        assertEquals(UNSUPPORTED_REQUEST, readViaStream(true, STREAM).status());
    }

    @Test
    void runningTdiServesTeeRequestsOverItsSecureStream() {
        gates.all(RUN).secureStream(STREAM);
        MmioOutcome o = readViaStream(true, STREAM);
        assertEquals(SUCCESSFUL, o.status());
        assertEquals(Bytes.fromHex("11223344"), o.data());
    }

    @Test
    void runningTdiRefusesTeeRequestsThatCameWithoutIde() {
        gates.all(RUN).secureStream(STREAM);
        MmioOutcome o = read(true);
        assertEquals(UNSUPPORTED_REQUEST, o.status());
        assertTrue(o.reason().contains("not received over an IDE stream"), o.reason());
    }

    @Test
    void runningTdiRefusesTeeRequestsOverAStreamThatIsNotSecure() {
        gates.all(RUN).secureStream(STREAM);
        assertEquals(UNSUPPORTED_REQUEST, readViaStream(true, STREAM + 1).status());
    }

    @Test
    void runningTdiRefusesHostRequestsToTeeMemory() {
        gates.all(RUN).secureStream(STREAM);
        assertEquals(COMPLETER_ABORT, read(false).status());
    }

    @Test
    void tdiInErrorRefusesTeeAndHostRequestsToTeeMemory() {
        gates.all(ERROR).secureStream(STREAM);
        assertEquals(UNSUPPORTED_REQUEST, readViaStream(true, STREAM).status());
        assertEquals(COMPLETER_ABORT, read(false).status());
    }

    @Test
    void refusedWriteLeavesMemoryUntouched() {
        gates.all(CONFIG_LOCKED);
        MmioOutcome o = endpoint.mmio(MmioRequest.write(BAR + 0x100, Bytes.fromHex("00000000"), false));
        assertEquals(COMPLETER_ABORT, o.status());
        assertEquals(Bytes.fromHex("11223344"), endpoint.pf().memory(0).read(0x100, 4));
    }

    @Test
    void functionWithoutAGateIsServedLikeAnUnlockedTdi() {
        Endpoint plain = Endpoint.builder(EndpointSpec.builder().build()).build();
        LinuxLikeHost.enablePf(plain, BAR);
        assertEquals(SUCCESSFUL, plain.mmio(MmioRequest.read(BAR, 4, false)).status());
        assertEquals(UNSUPPORTED_REQUEST, plain.mmio(MmioRequest.read(BAR, 4, true).viaStream(0)).status());
    }

    @Test
    void gateSeesTheFunctionBarAndOffsetOfTheAccess() {
        List<MmioAccess> seen = new ArrayList<>();
        Endpoint e = Endpoint.builder(EndpointSpec.builder().build()).gates(f -> new TdiGate() {
            public TdiSecurityState state() {
                return CONFIG_UNLOCKED;
            }

            public MmioDecision decide(MmioAccess access) {
                seen.add(access);
                return MmioDecision.allow("test");
            }
        }).build();
        LinuxLikeHost.enablePf(e, BAR);
        e.mmio(MmioRequest.read(BAR + 0x2468, 8, false));
        assertEquals(List.of(new MmioAccess(FunctionRef.PF, e.pf().routingId(), 0, 0x2468, 8, false, false,
                java.util.OptionalInt.empty())), seen);
    }

    @Test
    void memorySpaceDisabledIsAnUnsupportedRequest() {
        endpoint.pf().writeWord(COMMAND, 0);
        MmioOutcome o = read(false);
        assertEquals(UNSUPPORTED_REQUEST, o.status());
        assertTrue(o.reason().contains("Memory Space Enable is clear"), o.reason());
    }

    @Test
    void addressNoBarClaimsIsAnUnsupportedRequest() {
        MmioOutcome o = endpoint.mmio(MmioRequest.read(0x1000, 4, false));
        assertEquals(UNSUPPORTED_REQUEST, o.status());
        assertTrue(o.reason().contains("no function"), o.reason());
    }

    @Test
    void requestCrossingTheEndOfABarIsACompleterAbort() {
        assertEquals(COMPLETER_ABORT, endpoint.mmio(MmioRequest.read(BAR + (2L << 20) - 2, 4, false)).status());
    }

    @Test
    void servedWriteIsReadBack() {
        Bytes data = Bytes.fromHex("a5a5a5a5deadbeef");
        assertTrue(endpoint.mmio(MmioRequest.write(BAR + 0x8000, data, false)).served());
        assertEquals(data, endpoint.mmio(MmioRequest.read(BAR + 0x8000, 8, false)).data());
    }

    @Test
    void refusalsAreTracedAtTheDeviceLayer() {
        io.teeio.trace.RecordingSink sink = new io.teeio.trace.RecordingSink();
        Endpoint e = Endpoint.builder(EndpointSpec.builder().build()).gates(gates)
                .tracer(new io.teeio.trace.Tracer(sink, () -> 0L)).build();
        LinuxLikeHost.enablePf(e, BAR);
        gates.all(CONFIG_LOCKED);
        e.mmio(MmioRequest.read(BAR, 4, false));
        assertTrue(sink.events().stream().anyMatch(ev -> ev.layer().equals("device")
                && ev.action().equals("MMIO_COMPLETER_ABORT")), sink.events().toString());
    }
}
