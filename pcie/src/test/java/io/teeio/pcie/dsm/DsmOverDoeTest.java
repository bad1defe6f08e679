package io.teeio.pcie.dsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.pcie.doe.DoeChannel;
import io.teeio.pcie.doe.DoeDiscoveryRequester;
import io.teeio.pcie.doe.DoeProtocol;
import io.teeio.pcie.doe.DoeSpdmBinding;
import io.teeio.pcie.idekm.IdeKey;
import io.teeio.pcie.idekm.IdeKmClient;
import io.teeio.pcie.idekm.IdeKmPort;
import io.teeio.pcie.idekm.IdeStreamSetup;
import io.teeio.pcie.idekm.KeySet;
import io.teeio.pcie.idekm.KeySubStream;
import io.teeio.pcie.idekm.RootPortIdeEnd;
import io.teeio.pcie.tdisp.InterfaceId;
import io.teeio.pcie.tdisp.LockInterfaceFlags;
import io.teeio.pcie.tdisp.TdiHost;
import io.teeio.pcie.tdisp.TdiMmioResource;
import io.teeio.pcie.tdisp.TdiReport;
import io.teeio.pcie.tdisp.TdiState;
import io.teeio.pcie.tdisp.TdispClient;
import io.teeio.pcie.tdisp.TdispDeviceCapabilities;
import io.teeio.pcie.tsm.SessionVendorChannel;
import io.teeio.pcie.vdm.PciSigProtocol;
import io.teeio.pcie.vdm.VendorChannelException;
import io.teeio.spdm.cert.DeviceIdentity;
import io.teeio.spdm.cert.DeviceIds;
import io.teeio.spdm.cert.IdentityGenerator;
import io.teeio.spdm.cert.IdentitySpec;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.crypto.BaseAsymAlgo;
import io.teeio.spdm.crypto.JcaSpdmCrypto;
import io.teeio.spdm.message.VendorDefined;
import io.teeio.spdm.requester.RequesterConfig;
import io.teeio.spdm.requester.SpdmRequester;
import io.teeio.spdm.requester.SpdmRequesterException;
import io.teeio.spdm.requester.SpdmSession;
import io.teeio.spdm.responder.ResponderConfig;
import io.teeio.spdm.transport.BoundTransport;
import io.teeio.spdm.transport.SecuredMessageBinding;
import io.teeio.spdm.transport.TransportException;
import io.teeio.trace.Tracer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The TSM side drives a DSM through DOE objects only: discovery, SPDM, session, IDE_KM, TDISP. */
class DsmOverDoeTest {
    private static final DeviceIdentity IDENTITY = new IdentityGenerator().generate(IdentitySpec.responder(
            BaseAsymAlgo.TPM_ALG_ECDSA_ECC_NIST_P384, 5, new DeviceIds(0x8086, 0x0b25, 0x120000, 1, 0x8086, 0)));
    private static final InterfaceId TDI = InterfaceId.of(1, 0, 0);

    private DeviceSecurityManager dsm;
    private DoeChannel doe;
    private final List<String> rootPortLog = new ArrayList<>();

    private static final TdiHost HOST = new TdiHost() {
        @Override
        public List<TdiMmioResource> mmioResources() {
            return List.of(new TdiMmioResource(0x8000_0000L, 0x10000, 0, 0),
                    new TdiMmioResource(0x8001_0000L, 0x2000, 0, 2));
        }

        @Override
        public OptionalInt idePortIndex() {
            return OptionalInt.of(0);
        }
    };

    private final RootPortIdeEnd rootPort = new RootPortIdeEnd() {
        @Override
        public void programKey(int streamId, KeySubStream kss, IdeKey key, long ifv) {
            rootPortLog.add("prog " + kss);
        }

        @Override
        public void go(int streamId, KeySubStream kss) {
            rootPortLog.add("go " + kss);
        }

        @Override
        public void stop(int streamId, KeySubStream kss) {
            rootPortLog.add("stop " + kss);
        }
    };

    @BeforeEach
    void device() {
        dsm = new DeviceSecurityManager(ResponderConfig.builder().slot(0, IDENTITY).build(),
                TdispDeviceCapabilities.requiredOnly(new LockInterfaceFlags(0x0007), 52),
                List.of(IdeKmPort.fixed(0, 0, 1, 0, Set.of(0), List.of())), SecuredMessageBinding.PCI_DOE,
                new JcaSpdmCrypto(JcaSpdmCrypto.seededRandom(1)), Tracer.NONE);
        dsm.tdisp().host(TDI, HOST);
        doe = object -> dsm.handleDoeObject(object).orElseThrow(() -> new IOException("the DOE object got no answer"));
    }

    private SpdmRequester requester() {
        return new SpdmRequester(RequesterConfig.builder().trustAnchors(List.of(IDENTITY.chain().root())).build(),
                new BoundTransport(new DoeSpdmBinding(), m -> {
                    try {
                        return doe.exchange(m);
                    } catch (IOException e) {
                        throw new TransportException(e.getMessage(), e);
                    }
                }), new JcaSpdmCrypto(JcaSpdmCrypto.seededRandom(2)), Tracer.NONE);
    }

    private SpdmSession authenticatedSession(SpdmRequester q) throws SpdmRequesterException {
        q.connect();
        q.getDigests();
        q.getCertificate(0);
        q.getMeasurements(0xFF, true, 0, false);
        return q.openSession(0, 0);
    }

    @Test
    void tsmDrivesDiscoverySpdmSessionIdeKmAndTheTdispLifeOverDoeObjects() throws Exception {
        List<DoeProtocol> protocols = new DoeDiscoveryRequester(doe, Tracer.NONE).discover();
        assertEquals(List.of(DoeProtocol.DISCOVERY, DoeProtocol.CMA_SPDM, DoeProtocol.SECURED_CMA_SPDM), protocols);

        SpdmSession session = authenticatedSession(requester());
        SessionVendorChannel channel = new SessionVendorChannel(session);

        IdeKmClient ide = new IdeKmClient(channel, Tracer.NONE);
        assertEquals(0, ide.query(0).portIndex());
        new IdeStreamSetup(ide, rootPort, new Random(3), Tracer.NONE).establish(0, 0, KeySet.K0);
        assertTrue(dsm.ideKm().isSecure(0, 0), "six keys programmed and set to go: the stream is Secure");
        assertEquals(12, rootPortLog.size(), "the root port end got six keys and six go's");

        TdispClient tdisp = new TdispClient(channel, 0x20, Tracer.NONE);
        assertEquals(List.of(0x10), tdisp.version(TDI));
        tdisp.capabilities(TDI);
        Bytes nonce = tdisp.lock(TDI, new LockInterfaceFlags(0x0004), 0, 0, 0);
        assertEquals(32, nonce.length());
        assertEquals(TdiState.CONFIG_LOCKED, tdisp.state(TDI));
        TdiReport report = tdisp.report(TDI);
        assertEquals(2, report.mmioRanges().size());
        tdisp.start(TDI, nonce);
        assertEquals(TdiState.RUN, tdisp.state(TDI));
        tdisp.stop(TDI);
        assertEquals(TdiState.CONFIG_UNLOCKED, tdisp.state(TDI));
        session.close();
    }

    @Test
    void tdispOutsideASessionIsRefusedWithSessionRequired() throws Exception {
        SpdmRequester q = requester();
        q.connect();
        SpdmRequesterException e = assertThrows(SpdmRequesterException.class,
                () -> q.vendorDefined(VendorDefined.STANDARD_ID_PCI_SIG, VendorDefined.PCI_SIG_VENDOR_ID,
                        Bytes.fromHex("01 10 81 0000 00000100 0000000000000000")));
        assertEquals(0x0B, e.error().orElseThrow().errorCode());
    }

    @Test
    void endingTheSessionThatLockedATdiSendsItToError() throws Exception {
        SpdmSession session = authenticatedSession(requester());
        SessionVendorChannel channel = new SessionVendorChannel(session);
        new IdeStreamSetup(new IdeKmClient(channel, Tracer.NONE), rootPort, new Random(3), Tracer.NONE)
                .establish(0, 0, KeySet.K0);
        new TdispClient(channel, 0x40, Tracer.NONE).lock(TDI, new LockInterfaceFlags(0), 0, 0, 0);
        session.close();
        assertEquals(TdiState.ERROR, dsm.tdisp().tdi(TDI).orElseThrow().state());
        assertFalse(dsm.ideKm().isSecure(0, 0), "the stream keyed on the ended session left Secure");
        assertThrows(VendorChannelException.class, () -> channel.exchange(PciSigProtocol.TDISP, new byte[16]));
    }
}
