package io.teeio.pcie.vdm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.teeio.spdm.codec.Bytes;
import io.teeio.trace.Tracer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PciSigVendorDispatcherTest {
    private final List<String> seen = new ArrayList<>();

    private PciSigProtocolHandler echo(PciSigProtocol protocol) {
        return new PciSigProtocolHandler() {
            @Override
            public PciSigProtocol protocol() {
                return protocol;
            }

            @Override
            public VendorResponse handle(int sessionId, Bytes message) {
                seen.add(protocol + " " + Integer.toHexString(sessionId) + " " + message.toHex());
                return new VendorResponse.Answer(Bytes.fromHex("ee" + message.toHex()));
            }

            @Override
            public void sessionTerminated(int sessionId) {
                seen.add(protocol + " ended " + Integer.toHexString(sessionId));
            }
        };
    }

    private final PciSigVendorDispatcher dispatcher = new PciSigVendorDispatcher(
            List.of(echo(PciSigProtocol.IDE_KM), echo(PciSigProtocol.TDISP)), Tracer.NONE);

    @Test
    void requestOutsideASecuredSessionIsRefusedAsSessionRequired() {
        VendorResponse r = dispatcher.handle(0, false, new byte[] {1, 0x10, (byte) 0x81});
        assertEquals(RefusalReason.NOT_SECURED, ((VendorResponse.Refusal) r).reason());
        assertEquals(0x0B, RefusalReason.NOT_SECURED.spdmErrorCode());
    }

    @Test
    void refusedInsecureRequestNeverReachesTheProtocolHandler() {
        dispatcher.handle(0, false, new byte[] {0, 0, 0, 1});
        assertEquals(List.of(), seen);
    }

    @Test
    void emptyPayloadIsRefusedAsMalformed() {
        VendorResponse r = dispatcher.handle(7, true, new byte[0]);
        assertEquals(RefusalReason.MALFORMED, ((VendorResponse.Refusal) r).reason());
    }

    @Test
    void unknownProtocolIdIsRefusedAsUnsupported() {
        VendorResponse r = dispatcher.handle(7, true, new byte[] {5, 1});
        assertEquals(RefusalReason.UNSUPPORTED_PROTOCOL, ((VendorResponse.Refusal) r).reason());
    }

    @Test
    void protocolWithoutAHandlerIsRefusedAsUnsupported() {
        PciSigVendorDispatcher onlyIde = new PciSigVendorDispatcher(List.of(echo(PciSigProtocol.IDE_KM)),
                Tracer.NONE);
        VendorResponse r = onlyIde.handle(7, true, new byte[] {1, 0x10});
        assertEquals(RefusalReason.UNSUPPORTED_PROTOCOL, ((VendorResponse.Refusal) r).reason());
    }

    @Test
    void securedRequestReachesItsProtocolWithoutTheProtocolByteAndWithTheSession() {
        dispatcher.handle(0xFFFFFFFF, true, new byte[] {1, 0x10, (byte) 0x81});
        assertEquals(List.of("TDISP ffffffff 1081"), seen);
    }

    @Test
    void answerComesBackWithTheProtocolBytePrepended() {
        VendorResponse r = dispatcher.handle(1, true, new byte[] {0, 0x00, 0x00, 0x01});
        assertEquals(new VendorResponse.Answer(Bytes.fromHex("00 ee 00 00 01")), r);
    }

    @Test
    void sessionTerminationReachesEveryHandlerInTheGivenOrder() {
        dispatcher.sessionTerminated(0x1234);
        assertEquals(List.of("IDE_KM ended 1234", "TDISP ended 1234"), seen);
    }
}
