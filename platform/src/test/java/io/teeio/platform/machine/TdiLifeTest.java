package io.teeio.platform.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.pcie.tdisp.TdiState;
import io.teeio.platform.guest.GuestException;
import io.teeio.platform.guest.GuestTdiState;
import io.teeio.platform.guest.Verdict;
import io.teeio.platform.kernel.Bdf;
import io.teeio.platform.vmm.BindPath;
import io.teeio.platform.vmm.VmmConfig;
import io.teeio.spdm.codec.Bytes;
import io.teeio.trace.RecordingSink;
import io.teeio.trace.Tracer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** All eight steps of DESIGN.md's "life of a TDI" on the assembled machine. */
class TdiLifeTest {
    private static final Bytes PATTERN = Bytes.fromHex("00112233445566778899aabbccddeeff");

    private static TeeIoMachine machine(RecordingSink sink) {
        return TeeIoMachine.builder().vfs(4).seed(3).tracer(new Tracer(sink, () -> 0L)).build();
    }

    @ParameterizedTest
    @EnumSource(BindPath.class)
    void aCvmTakesAVfThroughBindAttestAcceptRunUnbindAndTeardown(BindPath path) throws Exception {
        RecordingSink sink = new RecordingSink();
        TeeIoMachine m = machine(sink);
        Bdf vf = m.vf(1);
        m.connect();
        Cvm cvm = m.launchCvm("CVM 1", VmmConfig.defaults(vf).withBindPath(path), m.defaultPolicy(vf));

        cvm.driver().lock();
        assertEquals(TdiState.CONFIG_LOCKED, m.device().tdiState(m.ref(vf)));
        Verdict v = cvm.driver().attest();
        assertTrue(v.accepted(), v.reasons().toString());
        cvm.driver().accept();
        assertEquals(TdiState.RUN, m.device().tdiState(m.ref(vf)));
        assertEquals(GuestTdiState.ACCEPTED, cvm.driver().state());

        cvm.driver().mmioWrite(0x100, PATTERN);
        assertEquals(PATTERN, cvm.driver().mmioRead(0x100, 16));

        cvm.driver().mmioWrite(0x200, PATTERN);
        DmaEngine.startCopy(cvm.driver(), 0x200, 0x1000, 16);
        assertEquals(DmaEngine.STATUS_DONE, DmaEngine.le64(cvm.driver().mmioRead(DmaEngine.STATUS, 8)),
                () -> sink.events().stream().filter(e -> e.action().equals("DMA")).toList().toString());
        assertEquals(PATTERN, cvm.memory().read(0x1000, 16), "the device's DMA landed in private memory");

        cvm.driver().unlock();
        assertEquals(TdiState.CONFIG_UNLOCKED, m.device().tdiState(m.ref(vf)));
        m.shutdown(cvm);
        m.disconnect();
        assertTrue(m.leaks().isEmpty(), m.leaks().toString());
        assertFalse(sink.events().stream().anyMatch(e -> e.stateAfter().equals("ERROR")), "no TDI went to ERROR");
    }

    @Test
    void aPolicyThatDoesNotMatchIsRefusedAndTheTdiNeverRuns() throws Exception {
        TeeIoMachine m = machine(new RecordingSink());
        Bdf vf = m.vf(2);
        m.connect();
        var policy = m.defaultPolicy(vf).withMmioRanges(java.util.List.of(
                new io.teeio.platform.guest.ExpectedMmioRange(0, 1, false)));
        Cvm cvm = m.launchCvm("CVM 1", VmmConfig.defaults(vf), policy);
        cvm.driver().lock();
        Verdict v = cvm.driver().attest();
        assertFalse(v.accepted());
        GuestException e = assertThrows(GuestException.class, () -> cvm.driver().accept());
        assertTrue(e.getMessage().contains("MMIO range 0"), e.getMessage());
        assertEquals(TdiState.CONFIG_LOCKED, m.device().tdiState(m.ref(vf)));
        assertEquals(GuestTdiState.REFUSED, cvm.driver().state());
        m.shutdown(cvm);
        assertTrue(m.leaks().isEmpty(), m.leaks().toString());
    }
}
