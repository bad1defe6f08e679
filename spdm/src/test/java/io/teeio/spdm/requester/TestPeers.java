package io.teeio.spdm.requester;

import io.teeio.spdm.cert.DeviceIdentity;
import io.teeio.spdm.cert.DeviceIds;
import io.teeio.spdm.cert.IdentityGenerator;
import io.teeio.spdm.cert.IdentitySpec;
import io.teeio.spdm.crypto.BaseAsymAlgo;
import io.teeio.spdm.crypto.JcaSpdmCrypto;
import io.teeio.spdm.crypto.SpdmCrypto;
import io.teeio.spdm.message.SpdmCode;
import io.teeio.spdm.responder.ResponderConfig;
import io.teeio.spdm.responder.SpdmResponder;
import io.teeio.spdm.transport.InMemoryTransport;
import io.teeio.spdm.transport.SecuredMessageBinding;
import io.teeio.spdm.transport.SpdmPacket;
import io.teeio.trace.Tracer;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Builds in-memory requester/responder pairs with generated identities (cached per algorithm). Public so the
 * responder tests can share the identities.
 */
public final class TestPeers {
    private static final Map<BaseAsymAlgo, DeviceIdentity> IDENTITIES = new EnumMap<>(BaseAsymAlgo.class);
    private static final Map<BaseAsymAlgo, DeviceIdentity> FOREIGN = new EnumMap<>(BaseAsymAlgo.class);
    private static final Provider BC = new BouncyCastleProvider();
    public static final DeviceIds IDS = new DeviceIds(0x8086, 0x0b25, 0x120000, 0x01, 0x8086, 0x0000);

    private TestPeers() {
    }

    public static synchronized DeviceIdentity identity(BaseAsymAlgo algo) {
        return IDENTITIES.computeIfAbsent(algo,
                a -> new IdentityGenerator().generate(IdentitySpec.responder(a, 42, IDS)));
    }

    public static X509Certificate root(BaseAsymAlgo algo) {
        return identity(algo).chain().root();
    }

    /** The root of another identity (another seed): a trust anchor the responder's chain is not rooted in. */
    public static synchronized X509Certificate foreignRoot(BaseAsymAlgo algo) {
        return FOREIGN.computeIfAbsent(algo,
                a -> new IdentityGenerator().generate(IdentitySpec.responder(a, 4242, IDS))).chain().root();
    }

    /**
     * A seeded crypto engine. The Bouncy Castle provider is built once for all of them: building one costs
     * tens of milliseconds, which the many short-lived pairs of the negative tests would pay each time.
     */
    public static SpdmCrypto crypto(long seed) {
        return new JcaSpdmCrypto(BC, JcaSpdmCrypto.seededRandom(seed));
    }

    public static ResponderConfig.Builder responderConfig(BaseAsymAlgo algo) {
        return ResponderConfig.builder().slot(0, identity(algo));
    }

    public static RequesterConfig.Builder requesterConfig(BaseAsymAlgo algo) {
        return RequesterConfig.builder().trustAnchors(List.of(root(algo)));
    }

    /** A requester wired to a fresh responder; {@code tap} may alter responses on the way back. */
    static Pair pair(ResponderConfig rc, RequesterConfig qc, UnaryOperator<byte[]> tap) {
        SpdmResponder responder = new SpdmResponder(rc, crypto(1), Tracer.NONE);
        SpdmRequester requester = new SpdmRequester(qc,
                InMemoryTransport.plain(req -> tap.apply(responder.respond(req))), crypto(2), Tracer.NONE);
        return new Pair(requester, responder);
    }

    /**
     * A requester wired to a fresh responder over {@code binding}; every packet passes {@code log} on its way
     * out and back, and {@code tap} may alter a response (plain or secured) before the requester sees it.
     */
    static Pair pair(ResponderConfig rc, RequesterConfig qc, SecuredMessageBinding binding, PacketLog log,
            UnaryOperator<SpdmPacket> tap) {
        SpdmResponder responder = new SpdmResponder(rc, crypto(1), binding, Tracer.NONE);
        SpdmRequester requester = new SpdmRequester(qc, new InMemoryTransport(req -> {
            SpdmPacket rsp = tap.apply(responder.respond(req));
            log.add(req, rsp);
            return rsp;
        }, binding), crypto(2), Tracer.NONE);
        return new Pair(requester, responder);
    }

    /** Every exchange of a pair, in order, as the requester sent and received it. */
    static final class PacketLog {
        private final List<SpdmPacket> requests = new ArrayList<>();
        private final List<SpdmPacket> responses = new ArrayList<>();

        void add(SpdmPacket request, SpdmPacket response) {
            requests.add(request);
            responses.add(response);
        }

        List<SpdmPacket> requests() {
            return List.copyOf(requests);
        }

        List<SpdmPacket> responses() {
            return List.copyOf(responses);
        }

        /** Index of the first plain request with {@code code}, from {@code from} on. */
        int indexOf(int code, int from) {
            for (int i = from; i < requests.size(); i++) {
                SpdmPacket p = requests.get(i);
                if (!p.secured() && (p.bytes()[1] & 0xFF) == code) {
                    return i;
                }
            }
            throw new AssertionError("no " + SpdmCode.name(code) + " was sent");
        }
    }

    static Pair pair(BaseAsymAlgo algo) {
        return pair(responderConfig(algo).build(), requesterConfig(algo).build(), UnaryOperator.identity());
    }

    record Pair(SpdmRequester requester, SpdmResponder responder) {
    }
}
