package io.teeio.pcie.idekm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.pcie.vdm.DirectVendorChannel;
import io.teeio.pcie.vdm.PciSigVendorDispatcher;
import io.teeio.pcie.vdm.VendorChannelException;
import io.teeio.trace.Tracer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdeStreamSetupTest {
    private static final int SESSION = 0x11;
    private static final int PORT = 0;
    private static final int STREAM = 3;

    /** Device engine: records the keys IDE_KM delivered, by KeySubStream value. */
    private final Map<Integer, IdeKey> deviceKeys = new HashMap<>();
    private final IdeKmPort devicePort = new IdeKmPort() {
        @Override
        public int portIndex() {
            return PORT;
        }

        @Override
        public int devFuncNum() {
            return 0;
        }

        @Override
        public int busNum() {
            return 1;
        }

        @Override
        public int segment() {
            return 0;
        }

        @Override
        public boolean supportsStream(int streamId) {
            return streamId == STREAM;
        }

        @Override
        public List<Integer> ideRegisters() {
            return List.of();
        }

        @Override
        public void keyProgrammed(int streamId, KeySubStream kss, IdeKey key, long ifv) {
            deviceKeys.put(kss.value(), key);
        }
    };
    private final IdeKmResponder dsm = new IdeKmResponder(List.of(devicePort), Tracer.NONE);
    private final IdeKmClient client = new IdeKmClient(new DirectVendorChannel(
            new PciSigVendorDispatcher(List.of(dsm), Tracer.NONE), SESSION, true), Tracer.NONE);

    /** Root port: records keys, go and stop per KeySubStream value; can be told to fail a go. */
    private static final class FakeRootPort implements RootPortIdeEnd {
        final Map<Integer, IdeKey> keys = new HashMap<>();
        final Set<Integer> going = new HashSet<>();
        final List<String> calls = new ArrayList<>();
        int failGoOn = -1;

        @Override
        public void programKey(int streamId, KeySubStream kss, IdeKey key, long ifv) {
            keys.put(kss.value(), key);
            calls.add("program " + kss.value());
        }

        @Override
        public void go(int streamId, KeySubStream kss) throws IdeSetupException {
            if (kss.value() == failGoOn) {
                throw new IdeSetupException("root port refuses go on " + kss);
            }
            going.add(kss.value());
            calls.add("go " + kss.value());
        }

        @Override
        public void stop(int streamId, KeySubStream kss) {
            going.remove(kss.value());
            keys.remove(kss.value());
        }
    }

    private final FakeRootPort rootPort = new FakeRootPort();
    private final IdeStreamSetup setup = new IdeStreamSetup(client, rootPort, new Random(1), Tracer.NONE);

    @Test
    void establishedStreamIsSecureOnTheDeviceAndKeyedByTheSession() throws IdeSetupException {
        setup.establish(PORT, STREAM, KeySet.K0);
        assertTrue(dsm.isSecure(PORT, STREAM));
        assertEquals(SESSION, dsm.keyingSession(PORT, STREAM).getAsInt());
    }

    @Test
    void rootPortTransmitsWithTheKeyTheDeviceReceivesWith() throws IdeSetupException {
        setup.establish(PORT, STREAM, KeySet.K0);
        for (SubStream sub : SubStream.values()) {
            int deviceRx = KeySubStream.of(KeySet.K0, IdeDirection.RX, sub).value();
            int rootTx = KeySubStream.of(KeySet.K0, IdeDirection.TX, sub).value();
            assertEquals(deviceKeys.get(deviceRx), rootPort.keys.get(rootTx));
            assertEquals(deviceKeys.get(rootTx), rootPort.keys.get(deviceRx));
        }
    }

    @Test
    void everyDirectionAndSubStreamGetsItsOwnKey() throws IdeSetupException {
        setup.establish(PORT, STREAM, KeySet.K0);
        assertEquals(6, new HashSet<>(deviceKeys.values()).size());
    }

    @Test
    void rootPortReceiversGoBeforeItsTransmitters() throws IdeSetupException {
        setup.establish(PORT, STREAM, KeySet.K0);
        List<String> goes = rootPort.calls.stream().filter(c -> c.startsWith("go")).toList();
        assertEquals(List.of("go 0", "go 16", "go 32", "go 2", "go 18", "go 34"), goes);
    }

    @Test
    void failureAtTheRootPortStopsBothEndsAndIsReported() {
        rootPort.failGoOn = KeySubStream.of(KeySet.K0, IdeDirection.TX, SubStream.CPL).value();
        assertThrows(IdeSetupException.class, () -> setup.establish(PORT, STREAM, KeySet.K0));
        assertFalse(dsm.isSecure(PORT, STREAM));
        assertTrue(rootPort.going.isEmpty());
    }

    @Test
    void deviceRefusalIsReportedWithTheKpAckStatus() {
        IdeSetupException e = assertThrows(IdeSetupException.class, () -> setup.establish(PORT, 9, KeySet.K0));
        IdeKmException cause = (IdeKmException) e.getCause();
        assertEquals(KpAckStatus.UNSUPPORTED_VALUE, cause.status().orElseThrow());
    }

    @Test
    void stopTakesTheDeviceStreamOutOfSecure() throws IdeSetupException {
        setup.establish(PORT, STREAM, KeySet.K0);
        setup.stop(PORT, STREAM, KeySet.K0);
        assertFalse(dsm.isSecure(PORT, STREAM));
        assertTrue(rootPort.going.isEmpty());
    }

    @Test
    void clientRejectsAnAckThatNamesAnotherStream() {
        IdeKmClient lying = new IdeKmClient((protocol, message) -> IdeKmCodec.encode(
                new IdeKmMessage.KGoStopAck(7, new KeySubStream(0), PORT)), Tracer.NONE);
        assertThrows(IdeKmException.class, () -> lying.setGo(STREAM, new KeySubStream(0), PORT));
    }

    @Test
    void clientRejectsAQueryRespForAnotherPort() {
        IdeKmClient lying = new IdeKmClient((protocol, message) -> IdeKmCodec.encode(
                new IdeKmMessage.QueryResp(2, 0, 0, 0, 2, List.of())), Tracer.NONE);
        assertThrows(IdeKmException.class, () -> lying.query(1));
    }

    @Test
    void clientReportsAnUndecodableAnswer() {
        IdeKmClient broken = new IdeKmClient((protocol, message) -> new byte[] {0x03}, Tracer.NONE);
        assertThrows(IdeKmException.class, () -> broken.keyProg(STREAM, new KeySubStream(0), PORT,
                IdeKey.of(new byte[32]), 1));
    }

    @Test
    void clientOutsideASecuredSessionGetsAChannelError() {
        IdeKmClient insecure = new IdeKmClient(new DirectVendorChannel(
                new PciSigVendorDispatcher(List.of(dsm), Tracer.NONE), SESSION, false), Tracer.NONE);
        VendorChannelException e = assertThrows(VendorChannelException.class, () -> insecure.query(PORT));
        assertTrue(e.getMessage().contains("NOT_SECURED"), e.getMessage());
    }
}
