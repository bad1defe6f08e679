package io.teeio.spdm.responder;

import io.teeio.spdm.message.SpdmCode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** One valid example of every request the responder knows, by code. */
final class KnownRequests {
    private KnownRequests() {
    }

    static Map<Integer, Supplier<byte[]>> all() {
        Map<Integer, Supplier<byte[]>> m = new LinkedHashMap<>();
        m.put(SpdmCode.GET_VERSION, ResponderFixture::getVersion);
        m.put(SpdmCode.GET_CAPABILITIES, ResponderFixture::getCapabilities);
        m.put(SpdmCode.NEGOTIATE_ALGORITHMS, ResponderFixture::negotiateAlgorithms);
        m.put(SpdmCode.GET_DIGESTS, ResponderFixture::getDigests);
        m.put(SpdmCode.GET_CERTIFICATE, () -> ResponderFixture.getCertificate(0, 0, 0x400));
        m.put(SpdmCode.CHALLENGE, () -> ResponderFixture.challenge(0));
        m.put(SpdmCode.GET_MEASUREMENTS, () -> ResponderFixture.getMeasurements(true, 1));
        m.put(SpdmCode.KEY_EXCHANGE, ResponderFixture::keyExchange);
        m.put(SpdmCode.FINISH, ResponderFixture::finish);
        m.put(SpdmCode.HEARTBEAT, ResponderFixture::heartbeat);
        m.put(SpdmCode.KEY_UPDATE, ResponderFixture::keyUpdate);
        m.put(SpdmCode.END_SESSION, ResponderFixture::endSession);
        m.put(SpdmCode.VENDOR_DEFINED_REQUEST, ResponderFixture::vendorDefined);
        m.put(SpdmCode.RESPOND_IF_READY, () -> ResponderFixture.respondIfReady(SpdmCode.GET_DIGESTS, 1));
        return m;
    }

    /** (name, bytes) of every known request but those listed. */
    static Stream<Arguments> except(Integer... codes) {
        Map<Integer, Supplier<byte[]>> m = all();
        for (int c : codes) {
            m.remove(c);
        }
        return m.entrySet().stream().map(e -> Arguments.of(SpdmCode.name(e.getKey()), e.getValue().get()));
    }
}
