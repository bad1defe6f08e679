package io.teeio.cli.bench;

import io.teeio.spdm.cert.DeviceIdentity;
import io.teeio.spdm.cert.DeviceIds;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.crypto.AeadAlgo;
import io.teeio.spdm.crypto.SpdmCrypto;
import io.teeio.spdm.message.VendorDefined;
import io.teeio.spdm.requester.RequesterConfig;
import io.teeio.spdm.requester.SpdmRequester;
import io.teeio.spdm.requester.SpdmRequesterException;
import io.teeio.spdm.requester.SpdmSession;
import io.teeio.spdm.responder.ResponderConfig;
import io.teeio.spdm.responder.SpdmResponder;
import io.teeio.spdm.transport.InMemoryTransport;
import io.teeio.spdm.transport.SecuredMessageBinding;
import io.teeio.trace.Tracer;
import java.util.List;

/**
 * An in-memory requester and responder for one {@link Suite}, the responder echoing VENDOR_DEFINED payloads.
 * Each {@link #newRequester} is a fresh connection on the same two crypto objects, as a long-running host and
 * device would hold them.
 */
final class InMemoryPeers {
    static final DeviceIds IDS = new DeviceIds(0x8086, 0x0b25, 0x120000, 0x01, 0x8086, 0x0000);

    private final ResponderConfig responderConfig;
    private final RequesterConfig requesterConfig;
    private final SpdmCrypto responderCrypto;
    private final SpdmCrypto requesterCrypto;

    InMemoryPeers(Suite suite, DeviceIdentity identity, SpdmCrypto responderCrypto, SpdmCrypto requesterCrypto) {
        this.responderConfig = ResponderConfig.builder().slot(0, identity).vendorHandler((req, id) -> req.payload())
                .build();
        this.requesterConfig = RequesterConfig.builder().trustAnchors(List.of(identity.chain().root()))
                .asyms(List.of(suite.asym())).hashes(List.of(suite.hash())).dheGroups(List.of(suite.dhe()))
                .aeads(List.of(AeadAlgo.AES_256_GCM)).build();
        this.responderCrypto = responderCrypto;
        this.requesterCrypto = requesterCrypto;
    }

    SpdmRequester newRequester() {
        SpdmResponder responder = new SpdmResponder(responderConfig, responderCrypto, SecuredMessageBinding.PCI_DOE,
                Tracer.NONE);
        return new SpdmRequester(requesterConfig,
                new InMemoryTransport(responder::respond, SecuredMessageBinding.PCI_DOE), requesterCrypto, Tracer.NONE);
    }

    /**
     * One full connection: VCA, GET_DIGESTS, GET_CERTIFICATE (chain verified), signed GET_MEASUREMENTS of all
     * blocks, KEY_EXCHANGE/FINISH, END_SESSION.
     */
    void fullConnection() throws SpdmRequesterException {
        SpdmRequester requester = newRequester();
        requester.connect();
        requester.getDigests();
        requester.getCertificate(0);
        requester.getMeasurements(0xFF, true, 0, false);
        requester.openSession(0, 0).close();
    }

    /** A connection with its certificate fetched and one session open. */
    SpdmSession openSession() throws SpdmRequesterException {
        SpdmRequester requester = newRequester();
        requester.connect();
        requester.getDigests();
        requester.getCertificate(0);
        return requester.openSession(0, 0);
    }

    /** One VENDOR_DEFINED request and its echo in {@code session}; fails if the echo differs. */
    static void echo(SpdmSession session, Bytes payload) throws SpdmRequesterException {
        Bytes back = session.vendorDefined(VendorDefined.STANDARD_ID_PCI_SIG, VendorDefined.PCI_SIG_VENDOR_ID, payload);
        if (back.length() != payload.length()) {
            throw new IllegalStateException("the echo came back with " + back.length() + " bytes, sent "
                    + payload.length());
        }
    }

    /** {@code size} bytes that are not all zeros. */
    static Bytes payload(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return Bytes.of(b);
    }
}
