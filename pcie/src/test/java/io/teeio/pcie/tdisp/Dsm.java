package io.teeio.pcie.tdisp;

import io.teeio.pcie.idekm.IdeDirection;
import io.teeio.pcie.idekm.IdeKey;
import io.teeio.pcie.idekm.IdeKmCodec;
import io.teeio.pcie.idekm.IdeKmMessage;
import io.teeio.pcie.idekm.IdeKmPort;
import io.teeio.pcie.idekm.IdeKmResponder;
import io.teeio.pcie.idekm.KeySet;
import io.teeio.pcie.idekm.KeySubStream;
import io.teeio.pcie.idekm.SubStream;
import io.teeio.pcie.vdm.PciSigVendorDispatcher;
import io.teeio.pcie.vdm.VendorResponse;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;
import io.teeio.trace.RecordingSink;
import io.teeio.trace.Tracer;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;

/**
 * Test fixture: a DSM with one IDE port (index 0, streams 0 and 1), an IDE_KM and a TDISP responder wired as
 * the device would wire them, and one hosted TDI with two BAR ranges. Every optional TDISP request is
 * supported (VDM echoes), report portions are capped at 0x40 bytes.
 */
final class Dsm {
    static final int SESSION = 0x0000FFFF;
    static final int PORT = 0;
    static final int STREAM = 0;
    static final int OTHER_STREAM = 1;
    static final InterfaceId TDI = InterfaceId.of(1, 0, 0);
    static final long BAR0 = 0x8000_0000L;
    static final long BAR2 = 0x9000_0000L;
    static final LockInterfaceFlags ALL_FLAGS = new LockInterfaceFlags(LockInterfaceFlags.DEFINED);

    final RecordingSink sink = new RecordingSink();
    final Tracer tracer = new Tracer(sink, () -> 0L);
    final IdeKmResponder ideKm;
    final TdispResponder tdisp;
    final PciSigVendorDispatcher vendor;
    final Tdi tdi;
    final Host host = new Host();

    /** A function with BAR0 (16 KiB, TEE memory) and BAR2 (4 KiB, attributes updatable), MSI-X present. */
    static final class Host implements TdiHost {
        OptionalInt idePort = OptionalInt.of(PORT);
        Optional<String> problem = Optional.empty();
        List<TdiMmioResource> resources = List.of(new TdiMmioResource(BAR0, 0x4000, 0, 0),
                new TdiMmioResource(BAR2, 0x1000, MmioRange.IS_MEM_ATTR_UPDATABLE, 2));

        @Override
        public List<TdiMmioResource> mmioResources() {
            return resources;
        }

        @Override
        public OptionalInt idePortIndex() {
            return idePort;
        }

        @Override
        public int msixMessageControl() {
            return 0x0007;
        }

        @Override
        public Bytes deviceSpecificInfo() {
            return Bytes.fromHex("0102030405060708090a0b0c0d0e0f10");
        }

        @Override
        public Optional<String> configurationProblem() {
            return problem;
        }
    }

    Dsm() {
        this(new TdispDeviceCapabilities(0, ALL_FLAGS, 52, 0, 0, EnumSet.of(TdispMessageType.BIND_P2P_STREAM_REQUEST,
                TdispMessageType.UNBIND_P2P_STREAM_REQUEST, TdispMessageType.SET_MMIO_ATTRIBUTE_REQUEST,
                TdispMessageType.VDM_REQUEST), 0x40));
    }

    Dsm(TdispDeviceCapabilities caps) {
        ideKm = new IdeKmResponder(List.of(IdeKmPort.fixed(PORT, 0, 1, 0, Set.of(STREAM, OTHER_STREAM), List.of())),
                tracer);
        tdisp = new TdispResponder(caps, ideKm, new Random(7), (t, v, data) -> data, tracer);
        ideKm.addStreamListener(tdisp);
        vendor = new PciSigVendorDispatcher(List.of(ideKm, tdisp), tracer);
        tdi = tdisp.host(TDI, host);
    }

    /** Programs and sets to go all six K0 keys of a stream over {@code session}. */
    void keyStream(int session, int stream) {
        for (IdeDirection dir : IdeDirection.values()) {
            for (SubStream sub : SubStream.values()) {
                KeySubStream kss = KeySubStream.of(KeySet.K0, dir, sub);
                ideKm.handle(session, Bytes.of(IdeKmCodec.encode(new IdeKmMessage.KeyProg(stream, kss, PORT,
                        IdeKey.of(new byte[32]), 1))));
                ideKm.handle(session, Bytes.of(IdeKmCodec.encode(new IdeKmMessage.KSetGo(stream, kss, PORT))));
            }
        }
    }

    void stopKey(int stream) {
        ideKm.handle(SESSION, Bytes.of(IdeKmCodec.encode(new IdeKmMessage.KSetStop(stream,
                KeySubStream.of(KeySet.K0, IdeDirection.TX, SubStream.PR), PORT))));
    }

    /** Sends a request to the TDISP responder and decodes what comes back. */
    TdispResponse send(TdispRequest request) {
        return send(SESSION, TdispCodec.encode(request));
    }

    TdispResponse send(int session, byte[] request) {
        VendorResponse r = tdisp.handle(session, Bytes.of(request));
        try {
            return TdispCodec.decodeResponse(((VendorResponse.Answer) r).payload().toByteArray());
        } catch (SpdmDecodeException e) {
            throw new AssertionError("TDISP responder produced an undecodable answer", e);
        }
    }

    static String outcome(TdispResponse r) {
        return r instanceof TdispResponse.TdispError e ? e.errorCode().name() : r.type().name();
    }

    /** LOCK with BIND_P2P and the default stream; returns the nonce. */
    Bytes lock() {
        TdispResponse r = send(new TdispRequest.LockInterfaceRequest(TDI,
                new LockInterfaceFlags(LockInterfaceFlags.BIND_P2P | LockInterfaceFlags.LOCK_MSIX), STREAM, 0, 0));
        if (!(r instanceof TdispResponse.LockInterfaceResponse lr)) {
            throw new AssertionError("fixture LOCK failed: " + r);
        }
        return lr.startInterfaceNonce();
    }
}
