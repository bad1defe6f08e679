package io.teeio.pcie.tdisp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.pcie.idekm.IdeDirection;
import io.teeio.pcie.idekm.IdeKey;
import io.teeio.pcie.idekm.IdeKmClient;
import io.teeio.pcie.idekm.IdeKmMessage;
import io.teeio.pcie.idekm.KeySet;
import io.teeio.pcie.idekm.KeySubStream;
import io.teeio.pcie.idekm.SubStream;
import io.teeio.pcie.vdm.DirectVendorChannel;
import io.teeio.pcie.vdm.SecuredVendorChannel;
import io.teeio.pcie.vdm.VendorChannelException;
import io.teeio.spdm.codec.Bytes;
import io.teeio.trace.Tracer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * TSM clients against the DSM in one JVM: the secured vendor channel is a direct call of the DSM's PCI-SIG
 * vendor handler with a fake session id.
 */
class TsmDsmInMemoryRunTest {
    private static final long OFFSET = 0x1_0000_0000L;

    private final Dsm dsm = new Dsm();
    private final SecuredVendorChannel channel = new DirectVendorChannel(dsm.vendor, Dsm.SESSION, true);
    private final IdeKmClient ideKm = new IdeKmClient(channel, Tracer.NONE);
    private final TdispClient tdisp = new TdispClient(channel, 16, Tracer.NONE);
    private final Random random = new Random(42);

    /** IDE_KM: query, six KEY_PROGs, K_SET_GO for each. */
    private void keyDefaultStream() throws Exception {
        ideKm.query(Dsm.PORT);
        for (IdeDirection dir : IdeDirection.values()) {
            for (SubStream sub : SubStream.values()) {
                byte[] key = new byte[32];
                random.nextBytes(key);
                ideKm.keyProg(Dsm.STREAM, KeySubStream.of(KeySet.K0, dir, sub), Dsm.PORT, IdeKey.of(key), 1);
            }
        }
        for (IdeDirection dir : IdeDirection.values()) {
            for (SubStream sub : SubStream.values()) {
                ideKm.setGo(Dsm.STREAM, KeySubStream.of(KeySet.K0, dir, sub), Dsm.PORT);
            }
        }
    }

    private Bytes lock() throws Exception {
        return tdisp.lock(Dsm.TDI, new LockInterfaceFlags(LockInterfaceFlags.NO_FW_UPDATE), Dsm.STREAM, OFFSET, 0);
    }

    @Test
    void queryReportsTheDevicePort() throws Exception {
        IdeKmMessage.QueryResp q = ideKm.query(Dsm.PORT);
        assertEquals(List.of(Dsm.PORT, 1, Dsm.PORT), List.of(q.portIndex(), q.busNum(), q.maxPortIndex()));
    }

    @Test
    void keyingOverTheChannelMakesTheDefaultStreamSecure() throws Exception {
        keyDefaultStream();
        assertTrue(dsm.ideKm.isSecure(Dsm.PORT, Dsm.STREAM));
    }

    @Test
    void wholeRunGoesUnlockedLockedRunUnlocked() throws Exception {
        keyDefaultStream();
        List<TdiState> seen = new ArrayList<>();
        assertEquals(List.of(0x10), tdisp.version(Dsm.TDI));
        assertTrue(tdisp.capabilities(Dsm.TDI).supportedRequests().contains(TdispMessageType.VDM_REQUEST));
        seen.add(tdisp.state(Dsm.TDI));
        Bytes nonce = lock();
        seen.add(tdisp.state(Dsm.TDI));
        tdisp.report(Dsm.TDI);
        tdisp.start(Dsm.TDI, nonce);
        seen.add(tdisp.state(Dsm.TDI));
        tdisp.stop(Dsm.TDI);
        seen.add(tdisp.state(Dsm.TDI));
        assertEquals(List.of(TdiState.CONFIG_UNLOCKED, TdiState.CONFIG_LOCKED, TdiState.RUN,
                TdiState.CONFIG_UNLOCKED), seen);
    }

    @Test
    void reportFetchedInSixteenByteChunksIsTheReportTheDsmBuiltAtLock() throws Exception {
        keyDefaultStream();
        lock();
        assertEquals(dsm.tdi.report().orElseThrow(), tdisp.report(Dsm.TDI));
    }

    @Property(tries = 40)
    void reportReassemblesTheSameForAnyChunkSize(@ForAll @IntRange(min = 1, max = 100) int chunk) throws Exception {
        Dsm fresh = new Dsm();
        fresh.keyStream(Dsm.SESSION, Dsm.STREAM);
        fresh.lock();
        TdispClient client = new TdispClient(new DirectVendorChannel(fresh.vendor, Dsm.SESSION, true), chunk,
                Tracer.NONE);
        assertEquals(Bytes.of(TdiReportCodec.encode(fresh.tdi.report().orElseThrow())), client.reportBytes(Dsm.TDI));
    }

    @Test
    void refusedRequestSurfacesAsTdispExceptionWithCodeAndRequest() throws Exception {
        keyDefaultStream();
        lock();
        TdispException e = assertThrows(TdispException.class, this::lock);
        assertEquals(TdispErrorCode.INVALID_INTERFACE_STATE, e.errorCode().orElseThrow());
        assertEquals(TdispMessageType.LOCK_INTERFACE_REQUEST, e.request());
    }

    @Test
    void startWithAnotherNonceSurfacesAsInvalidNonce() throws Exception {
        keyDefaultStream();
        lock();
        TdispException e = assertThrows(TdispException.class, () -> tdisp.start(Dsm.TDI, Bytes.zeros(32)));
        assertEquals(TdispErrorCode.INVALID_NONCE, e.errorCode().orElseThrow());
    }

    @Test
    void lockBeforeKeyingSurfacesAsInvalidRequest() {
        TdispException e = assertThrows(TdispException.class, this::lock);
        assertEquals(TdispErrorCode.INVALID_REQUEST, e.errorCode().orElseThrow());
    }

    @Test
    void tdispOutsideASecuredSessionIsRefused() {
        TdispClient outside = new TdispClient(new DirectVendorChannel(dsm.vendor, Dsm.SESSION, false), 16,
                Tracer.NONE);
        assertThrows(VendorChannelException.class, () -> outside.version(Dsm.TDI));
    }

    @Test
    void ideKmOutsideASecuredSessionIsRefused() {
        IdeKmClient outside = new IdeKmClient(new DirectVendorChannel(dsm.vendor, Dsm.SESSION, false), Tracer.NONE);
        assertThrows(VendorChannelException.class, () -> outside.query(Dsm.PORT));
    }

    @Test
    void endingTheSpdmSessionSendsARunningTdiToError() throws Exception {
        keyDefaultStream();
        tdisp.start(Dsm.TDI, lock());
        dsm.vendor.sessionTerminated(Dsm.SESSION);
        assertEquals(TdiState.ERROR, dsm.tdi.state());
    }

    @Test
    void clientRejectsAnAnswerForAnotherInterface() {
        TdispClient confused = new TdispClient((p, m) -> TdispCodec.encode(
                new TdispResponse.DeviceInterfaceState(InterfaceId.of(7, 0, 0), TdiState.RUN)), 16, Tracer.NONE);
        TdispException e = assertThrows(TdispException.class, () -> confused.state(Dsm.TDI));
        assertTrue(e.errorCode().isEmpty());
    }

    @Test
    void clientRejectsTheWrongResponseType() {
        TdispClient confused = new TdispClient((p, m) -> TdispCodec.encode(
                new TdispResponse.StopInterfaceResponse(Dsm.TDI)), 16, Tracer.NONE);
        assertThrows(TdispException.class, () -> confused.state(Dsm.TDI));
    }

    @Test
    void clientRejectsReportPortionsWhoseTotalChanges() {
        int[] remainder = {40};
        TdispClient shifting = new TdispClient((p, m) -> TdispCodec.encode(new TdispResponse.DeviceInterfaceReport(
                Dsm.TDI, Bytes.zeros(16), remainder[0]++)), 16, Tracer.NONE);
        TdispException e = assertThrows(TdispException.class, () -> shifting.reportBytes(Dsm.TDI));
        assertTrue(e.getMessage().contains("changed"), e.getMessage());
    }

    @Test
    void clientRejectsAnEmptyPortionThatPromisesMore() {
        TdispClient stuck = new TdispClient((p, m) -> TdispCodec.encode(new TdispResponse.DeviceInterfaceReport(
                Dsm.TDI, Bytes.EMPTY, 8)), 16, Tracer.NONE);
        assertThrows(TdispException.class, () -> stuck.reportBytes(Dsm.TDI));
    }

    @Test
    void clientRejectsAPortionLargerThanAskedFor() {
        TdispClient generous = new TdispClient((p, m) -> TdispCodec.encode(new TdispResponse.DeviceInterfaceReport(
                Dsm.TDI, Bytes.zeros(32), 0)), 16, Tracer.NONE);
        assertThrows(TdispException.class, () -> generous.reportBytes(Dsm.TDI));
    }
}
