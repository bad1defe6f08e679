package io.teeio.spdm.responder;

import static io.teeio.spdm.responder.InterceptingTransport.plain;
import static io.teeio.spdm.responder.ResponderFixture.assertError;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.teeio.spdm.message.SpdmCode;
import io.teeio.spdm.message.SpdmErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** PROTOCOLS.md §1.14: a request the responder does not support is UnsupportedRequest, ErrorData = its code. */
class UnsupportedRequestTest {

    private static byte[] header(int code) {
        return new byte[] {(byte) ResponderFixture.V.headerByte(), (byte) code, 0, 0};
    }

    private static void assertUnsupportedWithTheirCode(ResponderFixture f) {
        assertAll(f.transport.probes().stream().map(p -> () -> {
            int code = p.request().bytes()[1] & 0xFF;
            assertError(SpdmErrorCode.UNSUPPORTED_REQUEST, code, p.response().bytes());
            assertEquals(p.stateBefore(), p.stateAfter(), SpdmCode.name(code));
        }));
    }

    @Test
    void unknownRequestCodesAfterNegotiationAreUnsupportedWithTheCodeAsErrorData() throws Exception {
        Set<Integer> known = KnownRequests.all().keySet();
        List<byte[]> unknown = new ArrayList<>();
        for (int code = 0x80; code <= 0xFF; code++) {
            if (!known.contains(code)) {
                unknown.add(header(code));
            }
        }
        ResponderFixture f = ResponderFixture.create();
        f.transport.before(plain(SpdmCode.CHALLENGE), unknown);
        f.authenticate();
        assertEquals(128 - known.size(), f.transport.probes().size());
        assertUnsupportedWithTheirCode(f);
    }

    @Test
    void responseCodesSentAsRequestsAreUnsupportedWithTheCodeAsErrorData() throws Exception {
        List<byte[]> responses = new ArrayList<>();
        for (int code = 0x00; code < 0x80; code++) {
            responses.add(header(code));
        }
        ResponderFixture f = ResponderFixture.create();
        f.transport.before(plain(SpdmCode.CHALLENGE), responses);
        f.authenticate();
        assertEquals(128, f.transport.probes().size());
        assertUnsupportedWithTheirCode(f);
    }

    @Test
    void responseCodesBeforeGetVersionAreUnsupportedToo() throws Exception {
        List<byte[]> responses = new ArrayList<>();
        for (int code = 0x00; code < 0x80; code++) {
            byte[] h = header(code);
            h[0] = 0x10;
            responses.add(h);
        }
        ResponderFixture f = ResponderFixture.create();
        f.transport.before(plain(SpdmCode.GET_VERSION), responses);
        f.authenticate();
        assertUnsupportedWithTheirCode(f);
    }
}
