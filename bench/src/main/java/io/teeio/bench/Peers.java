package io.teeio.bench;

import io.teeio.spdm.cert.DeviceIdentity;
import io.teeio.spdm.cert.DeviceIds;
import io.teeio.spdm.cert.IdentityGenerator;
import io.teeio.spdm.cert.IdentitySpec;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.crypto.AeadAlgo;
import io.teeio.spdm.crypto.SpdmCrypto;
import io.teeio.spdm.requester.RequesterConfig;
import io.teeio.spdm.requester.SpdmRequester;
import io.teeio.spdm.responder.ResponderConfig;
import io.teeio.spdm.responder.SpdmResponder;
import io.teeio.spdm.transport.InMemoryTransport;
import io.teeio.spdm.transport.SecuredMessageBinding;
import io.teeio.trace.Tracer;
import java.util.List;

/**
 * An in-memory requester and responder for one {@link Suite}: the identity and configurations are made once,
 * each {@link #newPair} is a fresh connection (no state carried over) on the same two crypto objects, as a
 * long-running host and device would hold them.
 */
public final class Peers {
    static final DeviceIds IDS = new DeviceIds(0x8086, 0x0b25, 0x120000, 0x01, 0x8086, 0x0000);

    private final ResponderConfig responderConfig;
    private final RequesterConfig requesterConfig;
    private final SpdmCrypto responderCrypto;
    private final SpdmCrypto requesterCrypto;

    public Peers(Suite suite, SpdmCrypto responderCrypto, SpdmCrypto requesterCrypto) {
        DeviceIdentity identity = new IdentityGenerator().generate(IdentitySpec.responder(suite.asym(), 42, IDS));
        this.responderConfig = ResponderConfig.builder().slot(0, identity).vendorHandler((req, id) -> req.payload())
                .build();
        this.requesterConfig = RequesterConfig.builder().trustAnchors(List.of(identity.chain().root()))
                .asyms(List.of(suite.asym())).hashes(List.of(suite.hash())).dheGroups(List.of(suite.dhe()))
                .aeads(List.of(AeadAlgo.AES_256_GCM)).build();
        this.responderCrypto = responderCrypto;
        this.requesterCrypto = requesterCrypto;
    }

    /** A requester wired to a fresh responder; nothing has been exchanged yet. */
    public SpdmRequester newPair() {
        SpdmResponder responder = new SpdmResponder(responderConfig, responderCrypto, SecuredMessageBinding.PCI_DOE,
                Tracer.NONE);
        return new SpdmRequester(requesterConfig,
                new InMemoryTransport(responder::respond, SecuredMessageBinding.PCI_DOE), requesterCrypto, Tracer.NONE);
    }

    /** A payload of {@code size} bytes that is not all zeros. */
    public static Bytes payload(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return Bytes.of(b);
    }
}
