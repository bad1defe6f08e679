package io.teeio.pcie.doe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.pcie.vdm.Mutation;
import io.teeio.pcie.vdm.PciSigVectors;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;
import io.teeio.trace.Tracer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DoeDiscoveryTest {
    private static final Map<String, String> B = PciSigVectors.sessionValues("B_ecdsa_p256");
    private static final List<DoeProtocol> SPDM_DEVICE = List.of(DoeProtocol.DISCOVERY, DoeProtocol.CMA_SPDM,
            DoeProtocol.SECURED_CMA_SPDM);

    private static byte[] captured(String key) {
        return PciSigVectors.hex(B.get(key));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void requestForEachIndexEncodesAsCapturedFromSpdmEmu(int n) {
        byte[] encoded = DataObjectCodec.encode(DoeDiscoveryCodec.encode(new DoeDiscoveryRequest(n - 1, 0)));
        assertArrayEquals(captured("doe_discovery" + n + ".request"), encoded);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void responderAnswersEachIndexAsSpdmEmuDid(int n) throws SpdmDecodeException {
        DataObject request = DataObjectCodec.decode(captured("doe_discovery" + n + ".request"));
        Optional<DataObject> answer = new DoeDiscoveryResponder(SPDM_DEVICE).handle(request);
        assertArrayEquals(captured("doe_discovery" + n + ".response"), DataObjectCodec.encode(answer.orElseThrow()));
    }

    @Test
    void capturedResponsesDecodeToTheSpdmProtocolsAndTheirSuccessors() throws SpdmDecodeException {
        List<DoeDiscoveryResponse> responses = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            responses.add(DoeDiscoveryCodec.decodeResponse(DataObjectCodec.decode(
                    captured("doe_discovery" + n + ".response"))));
        }
        assertEquals(List.of(new DoeDiscoveryResponse(DoeProtocol.DISCOVERY, 1),
                new DoeDiscoveryResponse(DoeProtocol.CMA_SPDM, 2),
                new DoeDiscoveryResponse(DoeProtocol.SECURED_CMA_SPDM, 0)), responses);
    }

    @Test
    void requesterWalkReplaysTheCapturedExchangeAndListsThreeProtocols() throws Exception {
        Map<String, byte[]> answers = Map.of(
                Bytes.of(captured("doe_discovery1.request")).toHex(), captured("doe_discovery1.response"),
                Bytes.of(captured("doe_discovery2.request")).toHex(), captured("doe_discovery2.response"),
                Bytes.of(captured("doe_discovery3.request")).toHex(), captured("doe_discovery3.response"));
        DoeChannel replay = request -> {
            byte[] a = answers.get(Bytes.of(request).toHex());
            if (a == null) {
                throw new IOException("request not in the capture: " + Bytes.of(request));
            }
            return a;
        };
        assertEquals(SPDM_DEVICE, new DoeDiscoveryRequester(replay, Tracer.NONE).discover());
    }

    @Test
    void indexPastTheLastProtocolIsAnsweredAsAbsent() {
        DoeDiscoveryResponse r = new DoeDiscoveryResponder(SPDM_DEVICE).respond(new DoeDiscoveryRequest(3, 0));
        assertEquals(new DoeDiscoveryResponse(new DoeProtocol(0xFFFF, 0xFF), 0), r);
    }

    @Test
    void protocolListMustStartWithDiscovery() {
        assertThrows(IllegalArgumentException.class, () -> new DoeDiscoveryResponder(List.of(DoeProtocol.CMA_SPDM)));
    }

    @Test
    void requesterRejectsANextIndexThatLoopsBack() {
        DoeChannel looping = request -> DataObjectCodec.encode(DoeDiscoveryCodec.encode(
                new DoeDiscoveryResponse(DoeProtocol.CMA_SPDM, 1)));
        DoeProtocolException e = assertThrows(DoeProtocolException.class,
                () -> new DoeDiscoveryRequester(looping, Tracer.NONE).discover());
        assertTrue(e.getMessage().contains("revisits"), e.getMessage());
    }

    @Test
    void requesterRejectsAnUndecodableAnswer() {
        DoeChannel broken = request -> new byte[] {1, 0, 0};
        assertThrows(DoeProtocolException.class, () -> new DoeDiscoveryRequester(broken, Tracer.NONE).discover());
    }

    @Test
    void requesterRejectsAnEntryReportedAsAbsent() {
        DoeChannel absent = request -> DataObjectCodec.encode(DoeDiscoveryCodec.encode(
                new DoeDiscoveryResponse(DoeProtocol.NONE, 0)));
        assertThrows(DoeProtocolException.class, () -> new DoeDiscoveryRequester(absent, Tracer.NONE).discover());
    }

    @Test
    void discoveryRequestWithReservedBytesSetIsNotAnswered() {
        DataObject bad = DataObject.of(DoeProtocol.DISCOVERY, Bytes.fromHex("00000100"));
        assertEquals(Optional.empty(), new DoeDiscoveryResponder(SPDM_DEVICE).handle(bad));
    }

    @Test
    void dispatcherAnswersDiscoveryFromItsRegisteredProtocols() throws Exception {
        DoeDispatcher dispatcher = DoeDispatcher.builder(Tracer.NONE)
                .register(DoeProtocol.CMA_SPDM, r -> Optional.empty())
                .register(DoeProtocol.SECURED_CMA_SPDM, r -> Optional.empty()).build();
        DoeChannel mailbox = request -> dispatcher.dispatch(request).orElseThrow(() -> new IOException("no answer"));
        assertEquals(SPDM_DEVICE, new DoeDiscoveryRequester(mailbox, Tracer.NONE).discover());
    }

    @Test
    void dispatcherRoutesAnObjectToItsProtocolsHandler() {
        DoeDispatcher dispatcher = DoeDispatcher.builder(Tracer.NONE)
                .register(DoeProtocol.CMA_SPDM, r -> Optional.of(DataObject.of(DoeProtocol.CMA_SPDM,
                        Bytes.fromHex("10040000"))))
                .register(DoeProtocol.SECURED_CMA_SPDM, r -> Optional.empty()).build();
        byte[] getVersion = PciSigVectors.hex("01 00 01 00 03 00 00 00 10 84 00 00");
        assertArrayEquals(PciSigVectors.hex("01 00 01 00 03 00 00 00 10 04 00 00"),
                dispatcher.dispatch(getVersion).orElseThrow());
    }

    @Test
    void dispatcherDiscardsAnObjectOfAnUnregisteredProtocol() {
        DoeDispatcher dispatcher = DoeDispatcher.builder(Tracer.NONE)
                .register(DoeProtocol.CMA_SPDM, r -> Optional.of(r)).build();
        byte[] cxl = DataObjectCodec.encode(new DataObject(0x1E98, 2, Bytes.fromHex("00000000")));
        assertEquals(Optional.empty(), dispatcher.dispatch(cxl));
    }

    @Test
    void dispatcherDiscardsAnObjectWhoseLengthDisagrees() {
        DoeDispatcher dispatcher = DoeDispatcher.builder(Tracer.NONE)
                .register(DoeProtocol.CMA_SPDM, r -> Optional.of(r)).build();
        assertEquals(Optional.empty(), dispatcher.dispatch(PciSigVectors.hex("01 00 01 00 04 00 00 00 10 84 00 00")));
    }

    @Property
    void discoveryPayloadsRoundTrip(@ForAll @IntRange(max = 255) int index, @ForAll @IntRange(max = 255) int version,
            @ForAll @IntRange(max = 0xFFFF) int vendor, @ForAll @IntRange(max = 255) int type,
            @ForAll @IntRange(max = 255) int next) throws SpdmDecodeException {
        DoeDiscoveryRequest req = new DoeDiscoveryRequest(index, version);
        DoeDiscoveryResponse resp = new DoeDiscoveryResponse(new DoeProtocol(vendor, type), next);
        assertEquals(req, DoeDiscoveryCodec.decodeRequest(DoeDiscoveryCodec.encode(req)));
        assertEquals(resp, DoeDiscoveryCodec.decodeResponse(DoeDiscoveryCodec.encode(resp)));
    }

    @Property
    void mutatedDiscoveryObjectsOnlyEverRaiseTheDecodeException(@ForAll @IntRange(max = 255) int index,
            @ForAll @IntRange(max = 15) int position, @ForAll byte value, @ForAll @IntRange(max = 2) int how) {
        byte[] valid = DataObjectCodec.encode(DoeDiscoveryCodec.encode(new DoeDiscoveryRequest(index, 0)));
        byte[] mutated = Mutation.apply(valid, how, position, value);
        try {
            DataObject o = DataObjectCodec.decode(mutated);
            DoeDiscoveryCodec.decodeRequest(o);
            DoeDiscoveryCodec.decodeResponse(o);
        } catch (SpdmDecodeException expected) {
            assertTrue(expected.getMessage().startsWith("DOE"));
        }
    }

    @Property
    void randomPayloadsOnlyEverRaiseTheDecodeException(@ForAll @Size(max = 12) byte[] payload,
            @ForAll @IntRange(max = 3) int type) {
        DataObject o = new DataObject(1, type, Bytes.of(payload));
        try {
            DoeDiscoveryCodec.decodeRequest(o);
        } catch (SpdmDecodeException expected) {
            assertTrue(expected.getMessage().startsWith("DOE discovery"));
        }
        try {
            DoeDiscoveryCodec.decodeResponse(o);
        } catch (SpdmDecodeException expected) {
            assertTrue(expected.getMessage().startsWith("DOE discovery"));
        }
    }
}
