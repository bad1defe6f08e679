package io.teeio.pcie.tdisp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;
import io.teeio.trace.TraceEvent;
import io.teeio.trace.Tracer;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** What LOCK_INTERFACE_REQUEST checks and produces, and what the other requests check beyond the state. */
class TdiLockTest {
    private final Dsm dsm = new Dsm();

    private TdispResponse lock(LockInterfaceFlags flags, int stream, long offset, long mask) {
        return dsm.send(new TdispRequest.LockInterfaceRequest(Dsm.TDI, flags, stream, offset, mask));
    }

    private TdispResponse lock(long offset) {
        return lock(LockInterfaceFlags.NONE, Dsm.STREAM, offset, 0);
    }

    private static String outcome(TdispResponse r) {
        return Dsm.outcome(r);
    }

    private TdiReport report() {
        TdispResponse.DeviceInterfaceReport first = (TdispResponse.DeviceInterfaceReport) dsm.send(
                new TdispRequest.GetDeviceInterfaceReport(Dsm.TDI, 0, 0x40));
        TdispResponse.DeviceInterfaceReport second = (TdispResponse.DeviceInterfaceReport) dsm.send(
                new TdispRequest.GetDeviceInterfaceReport(Dsm.TDI, 0x40, 0x40));
        try {
            return TdiReportCodec.decode(Bytes.fromHex(first.portion().toHex() + second.portion().toHex())
                    .toByteArray());
        } catch (SpdmDecodeException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void lockWithAllSixKeysOfTheDefaultStreamFromThisSessionSucceeds() {
        dsm.keyStream(Dsm.SESSION, Dsm.STREAM);
        assertEquals("LOCK_INTERFACE_RESPONSE", outcome(lock(0)));
        assertEquals(OptionalInt.of(Dsm.SESSION), dsm.tdi.lockingSession());
    }

    @Test
    void lockBeforeTheDefaultStreamIsSecureIsInvalidAndLeavesTheTdiUnlocked() {
        assertEquals("INVALID_REQUEST", outcome(lock(0)));
        assertEquals(TdiState.CONFIG_UNLOCKED, dsm.tdi.state());
    }

    @Test
    void lockNamingAStreamOtherThanTheKeyedOneIsInvalid() {
        dsm.keyStream(Dsm.SESSION, Dsm.STREAM);
        assertEquals("INVALID_REQUEST", outcome(lock(LockInterfaceFlags.NONE, Dsm.OTHER_STREAM, 0, 0)));
    }

    @Test
    void lockOverASessionOtherThanTheOneThatKeyedTheStreamIsInvalid() {
        dsm.keyStream(Dsm.SESSION + 1, Dsm.STREAM);
        assertEquals("INVALID_REQUEST", outcome(lock(0)));
    }

    @Test
    void tdiThatNeedsNoIdeLocksWithoutAKeyedStream() {
        dsm.host.idePort = OptionalInt.empty();
        assertEquals("LOCK_INTERFACE_RESPONSE", outcome(lock(0)));
    }

    @Test
    void lockWithAFlagTheDsmDoesNotSupportIsInvalid() {
        Dsm limited = new Dsm(TdispDeviceCapabilities.requiredOnly(new LockInterfaceFlags(0x0007), 48));
        limited.keyStream(Dsm.SESSION, Dsm.STREAM);
        TdispResponse r = limited.send(new TdispRequest.LockInterfaceRequest(Dsm.TDI,
                new LockInterfaceFlags(LockInterfaceFlags.BIND_P2P), Dsm.STREAM, 0, 0));
        assertEquals("INVALID_REQUEST", outcome(r));
    }

    @Test
    void lockWithAReservedFlagBitIsInvalid() {
        dsm.keyStream(Dsm.SESSION, Dsm.STREAM);
        assertEquals("INVALID_REQUEST", outcome(lock(new LockInterfaceFlags(0x0020), Dsm.STREAM, 0, 0)));
    }

    @Test
    void bindP2pAddressMaskWithoutTheBindP2pFlagIsInvalid() {
        dsm.keyStream(Dsm.SESSION, Dsm.STREAM);
        assertEquals("INVALID_REQUEST", outcome(lock(LockInterfaceFlags.NONE, Dsm.STREAM, 0, 0xFFFF_0000L)));
    }

    @Test
    void bindP2pAddressMaskWithTheBindP2pFlagIsAccepted() {
        dsm.keyStream(Dsm.SESSION, Dsm.STREAM);
        assertEquals("LOCK_INTERFACE_RESPONSE", outcome(lock(new LockInterfaceFlags(LockInterfaceFlags.BIND_P2P),
                Dsm.STREAM, 0, 0xFFFF_0000L)));
    }

    @Test
    void reportingOffsetThatIsNotWholePagesIsInvalid() {
        dsm.keyStream(Dsm.SESSION, Dsm.STREAM);
        assertEquals("INVALID_REQUEST", outcome(lock(0x800)));
    }

    @Test
    void reportingOffsetPushingARangePastTwoToTheSixtyFourIsInvalid() {
        dsm.host.resources = List.of(new TdiMmioResource(0xFFFF_FFFF_FFFF_0000L, 0x10000, 0, 0));
        dsm.keyStream(Dsm.SESSION, Dsm.STREAM);
        assertEquals("INVALID_REQUEST", outcome(lock(0x1000)));
        assertEquals(TdiState.CONFIG_UNLOCKED, dsm.tdi.state());
    }

    @Test
    void negativeReportingOffsetTakingARangeBelowZeroIsInvalid() {
        dsm.keyStream(Dsm.SESSION, Dsm.STREAM);
        assertEquals("INVALID_REQUEST", outcome(lock(-(Dsm.BAR0 + 0x1000))));
    }

    @Test
    void reportShowsEachRangeInPagesWithTheReportingOffsetAdded() {
        dsm.keyStream(Dsm.SESSION, Dsm.STREAM);
        lock(0xD000_0000L);
        assertEquals(List.of(new MmioRange((Dsm.BAR0 + 0xD000_0000L) >>> 12, 4, 0, 0),
                new MmioRange((Dsm.BAR2 + 0xD000_0000L) >>> 12, 1, MmioRange.IS_MEM_ATTR_UPDATABLE, 2)),
                report().mmioRanges());
    }

    @Test
    void negativeReportingOffsetMovesRangesDown() {
        dsm.keyStream(Dsm.SESSION, Dsm.STREAM);
        lock(-0x7000_0000L);
        assertEquals(0x10000L, report().mmioRanges().get(0).firstPage());
    }

    @Test
    void reportCarriesNoFwUpdateAndMsixControlOnlyWhenTheFlagsAskForThem() {
        dsm.keyStream(Dsm.SESSION, Dsm.STREAM);
        lock(new LockInterfaceFlags(LockInterfaceFlags.NO_FW_UPDATE | LockInterfaceFlags.LOCK_MSIX), Dsm.STREAM, 0, 0);
        TdiReport r = report();
        assertEquals(TdiReport.NO_FW_UPDATE | TdiReport.DMA_WITHOUT_PASID, r.interfaceInfo());
        assertEquals(0x0007, r.msixMessageControl());
    }

    @Test
    void reportWithoutLockMsixHidesTheMsixControl() {
        dsm.keyStream(Dsm.SESSION, Dsm.STREAM);
        lock(0);
        assertEquals(0, report().msixMessageControl());
    }

    @Test
    void deviceConfigurationProblemFailsLockAsInvalidDeviceConfiguration() {
        dsm.keyStream(Dsm.SESSION, Dsm.STREAM);
        dsm.host.problem = Optional.of("phantom functions enabled");
        assertEquals("INVALID_DEVICE_CONFIGURATION", outcome(lock(0)));
    }

    @Test
    void randomSourceFailureFailsLockAsInsufficientEntropy() {
        RandomGenerator broken = new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new IllegalStateException("entropy source not seeded");
            }
        };
        Tdi tdi = new Tdi(Dsm.TDI, dsm.host, TdispDeviceCapabilities.requiredOnly(LockInterfaceFlags.NONE, 52),
                dsm.ideKm, broken, Tracer.NONE);
        dsm.keyStream(Dsm.SESSION, Dsm.STREAM);
        TdiRejectedException e = org.junit.jupiter.api.Assertions.assertThrows(TdiRejectedException.class,
                () -> tdi.lockInterface(Dsm.SESSION, new TdispRequest.LockInterfaceRequest(Dsm.TDI,
                        LockInterfaceFlags.NONE, Dsm.STREAM, 0, 0)));
        assertEquals(TdispErrorCode.INSUFFICIENT_ENTROPY, e.errorCode());
        assertEquals(TdiState.CONFIG_UNLOCKED, tdi.state());
    }

    @Test
    void eachLockGetsAFreshNonce() {
        dsm.keyStream(Dsm.SESSION, Dsm.STREAM);
        Bytes first = dsm.lock();
        dsm.send(new TdispRequest.StopInterfaceRequest(Dsm.TDI));
        assertNotEquals(first, dsm.lock());
    }

    @Test
    void nonceOfALockThatEndedInErrorCannotStartALaterLock() {
        dsm.keyStream(Dsm.SESSION, Dsm.STREAM);
        Bytes old = dsm.lock();
        dsm.tdi.barChanged();
        dsm.send(new TdispRequest.StopInterfaceRequest(Dsm.TDI));
        dsm.lock();
        assertEquals("INVALID_NONCE", outcome(dsm.send(new TdispRequest.StartInterfaceRequest(Dsm.TDI, old))));
    }

    @Test
    void reportPortionIsCappedAtTheDsmsMaximumAndCountsTheRemainder() {
        dsm.keyStream(Dsm.SESSION, Dsm.STREAM);
        dsm.lock();
        TdispResponse.DeviceInterfaceReport r = (TdispResponse.DeviceInterfaceReport) dsm.send(
                new TdispRequest.GetDeviceInterfaceReport(Dsm.TDI, 0, 0xFFFF));
        int total = 20 + 2 * 16 + 16;
        assertEquals(0x40, r.portion().length());
        assertEquals(total - 0x40, r.remainderLength());
    }

    @Test
    void reportOffsetAtOrPastTheEndIsInvalid() {
        dsm.keyStream(Dsm.SESSION, Dsm.STREAM);
        dsm.lock();
        assertEquals("INVALID_REQUEST", outcome(dsm.send(new TdispRequest.GetDeviceInterfaceReport(Dsm.TDI, 68, 4))));
    }

    @Test
    void reportLengthZeroIsInvalid() {
        dsm.keyStream(Dsm.SESSION, Dsm.STREAM);
        dsm.lock();
        assertEquals("INVALID_REQUEST", outcome(dsm.send(new TdispRequest.GetDeviceInterfaceReport(Dsm.TDI, 0, 0))));
    }

    private void run(LockInterfaceFlags flags) {
        dsm.keyStream(Dsm.SESSION, Dsm.STREAM);
        Bytes nonce = ((TdispResponse.LockInterfaceResponse) lock(flags, Dsm.STREAM, 0, 0)).startInterfaceNonce();
        dsm.send(new TdispRequest.StartInterfaceRequest(Dsm.TDI, nonce));
    }

    @Test
    void bindP2pWithoutTheBindP2pLockFlagIsInvalid() {
        run(LockInterfaceFlags.NONE);
        assertEquals("INVALID_REQUEST", outcome(dsm.send(new TdispRequest.BindP2pStreamRequest(Dsm.TDI, 1))));
    }

    @Test
    void bindingTheSameP2pStreamTwiceIsInvalid() {
        run(new LockInterfaceFlags(LockInterfaceFlags.BIND_P2P));
        dsm.send(new TdispRequest.BindP2pStreamRequest(Dsm.TDI, 1));
        assertEquals("INVALID_REQUEST", outcome(dsm.send(new TdispRequest.BindP2pStreamRequest(Dsm.TDI, 1))));
    }

    @Test
    void unbindingAStreamThatIsNotBoundIsInvalid() {
        run(new LockInterfaceFlags(LockInterfaceFlags.BIND_P2P));
        assertEquals("INVALID_REQUEST", outcome(dsm.send(new TdispRequest.UnbindP2pStreamRequest(Dsm.TDI, 4))));
    }

    @Test
    void setMmioAttributeMarksAnUpdatableRangeNonTeeInTheReport() {
        run(LockInterfaceFlags.NONE);
        dsm.send(new TdispRequest.SetMmioAttributeRequest(Dsm.TDI, new MmioRange(Dsm.BAR2 >>> 12, 1,
                MmioRange.IS_NON_TEE_MEM, 2)));
        assertTrue(report().mmioRanges().get(1).has(MmioRange.IS_NON_TEE_MEM));
    }

    @Test
    void setMmioAttributeOnARangeThatIsNotUpdatableIsInvalid() {
        run(LockInterfaceFlags.NONE);
        assertEquals("INVALID_REQUEST", outcome(dsm.send(new TdispRequest.SetMmioAttributeRequest(Dsm.TDI,
                new MmioRange(Dsm.BAR0 >>> 12, 4, MmioRange.IS_NON_TEE_MEM, 0)))));
    }

    @Test
    void setMmioAttributeWithMsixBitsSetIsInvalid() {
        run(LockInterfaceFlags.NONE);
        assertEquals("INVALID_REQUEST", outcome(dsm.send(new TdispRequest.SetMmioAttributeRequest(Dsm.TDI,
                new MmioRange(Dsm.BAR2 >>> 12, 1, MmioRange.MSIX_TABLE, 2)))));
    }

    @Test
    void setMmioAttributeOnARangeTheReportDoesNotListIsInvalid() {
        run(LockInterfaceFlags.NONE);
        assertEquals("INVALID_REQUEST", outcome(dsm.send(new TdispRequest.SetMmioAttributeRequest(Dsm.TDI,
                new MmioRange(Dsm.BAR2 >>> 12, 2, 0, 2)))));
    }

    @Test
    void lockIsTracedAsATransitionFromUnlockedToLockedByTheDsm() {
        dsm.keyStream(Dsm.SESSION, Dsm.STREAM);
        dsm.lock();
        TraceEvent e = dsm.sink.events().stream().filter(ev -> ev.action().equals("LOCK_INTERFACE_REQUEST"))
                .findFirst().orElseThrow();
        assertEquals(List.of("pcie", "DSM", "CONFIG_UNLOCKED", "CONFIG_LOCKED"),
                List.of(e.layer(), e.actor(), e.stateBefore(), e.stateAfter()));
    }

    @Test
    void outsideEventIsTracedWithItsNameAndStates() {
        dsm.keyStream(Dsm.SESSION, Dsm.STREAM);
        dsm.lock();
        dsm.tdi.functionLevelReset();
        TraceEvent e = dsm.sink.events().get(dsm.sink.events().size() - 1);
        assertEquals(List.of("FLR", "CONFIG_LOCKED", "ERROR"), List.of(e.action(), e.stateBefore(), e.stateAfter()));
    }

    @Test
    void nonceNeverAppearsInTheTrace() {
        dsm.keyStream(Dsm.SESSION, Dsm.STREAM);
        Bytes nonce = dsm.lock();
        dsm.send(new TdispRequest.StartInterfaceRequest(Dsm.TDI, nonce));
        String hex = nonce.toHex().substring(0, 16);
        for (TraceEvent e : dsm.sink.events()) {
            assertFalse(e.toString().contains(hex), e.toString());
        }
    }

    @Test
    void seededRandomMakesTheNonceReproducible() {
        Dsm a = new Dsm();
        Dsm b = new Dsm();
        a.keyStream(Dsm.SESSION, Dsm.STREAM);
        b.keyStream(Dsm.SESSION, Dsm.STREAM);
        assertEquals(a.lock(), b.lock());
    }
}
