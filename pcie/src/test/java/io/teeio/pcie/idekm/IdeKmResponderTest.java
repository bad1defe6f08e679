package io.teeio.pcie.idekm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.pcie.vdm.PciSigProtocol;
import io.teeio.pcie.vdm.PciSigVectors;
import io.teeio.pcie.vdm.PciSigVectors.VendorMessage;
import io.teeio.pcie.vdm.RefusalReason;
import io.teeio.pcie.vdm.VendorResponse;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;
import io.teeio.trace.RecordingSink;
import io.teeio.trace.TraceEvent;
import io.teeio.trace.Tracer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdeKmResponderTest {
    private static final int SESSION = 0xFFFFFFFF;
    private static final int PORT = 1;
    private static final int STREAM = 0;

    private final List<String> leftSecure = new ArrayList<>();
    private final IdeKmResponder responder = responder(Tracer.NONE);

    private IdeKmResponder responder(Tracer tracer) {
        IdeKmResponder r = new IdeKmResponder(List.of(
                IdeKmPort.fixed(0, 0, 0, 0, Set.of(0), List.of(0x1234)),
                IdeKmPort.fixed(PORT, 0, 0, 0, Set.of(STREAM), Collections.nCopies(74, 0)),
                IdeKmPort.fixed(7, 0, 0, 0, Set.of(), List.of())), tracer);
        r.addStreamListener((port, stream) -> leftSecure.add(port + "/" + stream));
        return r;
    }

    private static byte[] key(int seed) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) seed);
        return k;
    }

    private IdeKmMessage send(int session, IdeKmMessage request) {
        return send(session, IdeKmCodec.encode(request));
    }

    private IdeKmMessage send(int session, byte[] request) {
        VendorResponse r = responder.handle(session, Bytes.of(request));
        try {
            return IdeKmCodec.decode(((VendorResponse.Answer) r).payload().toByteArray());
        } catch (SpdmDecodeException e) {
            throw new AssertionError("responder produced an undecodable answer", e);
        }
    }

    private KpAckStatus keyProg(int session, KeySubStream kss, long ifv) {
        return ((IdeKmMessage.KpAck) send(session, new IdeKmMessage.KeyProg(STREAM, kss, PORT,
                IdeKey.of(key(kss.value())), ifv))).status();
    }

    private void programAndGo(int session, KeySet set, IdeDirection dir, SubStream sub) {
        KeySubStream kss = KeySubStream.of(set, dir, sub);
        assertEquals(KpAckStatus.SUCCESS, keyProg(session, kss, 1));
        assertInstanceOf(IdeKmMessage.KGoStopAck.class, send(session, new IdeKmMessage.KSetGo(STREAM, kss, PORT)));
    }

    private void keyWholeStream(int session, KeySet set) {
        for (IdeDirection dir : IdeDirection.values()) {
            for (SubStream sub : SubStream.values()) {
                programAndGo(session, set, dir, sub);
            }
        }
    }

    @Test
    void sixKeysProgrammedAndSetToGoMakeTheStreamSecure() {
        keyWholeStream(SESSION, KeySet.K0);
        assertTrue(responder.isSecure(PORT, STREAM));
    }

    @Test
    void secureStreamRemembersTheSessionThatKeyedIt() {
        keyWholeStream(SESSION, KeySet.K0);
        assertEquals(OptionalInt.of(SESSION), responder.keyingSession(PORT, STREAM));
    }

    @Test
    void fiveOfSixKeysLeaveTheStreamInsecure() {
        for (SubStream sub : SubStream.values()) {
            programAndGo(SESSION, KeySet.K0, IdeDirection.RX, sub);
        }
        programAndGo(SESSION, KeySet.K0, IdeDirection.TX, SubStream.PR);
        programAndGo(SESSION, KeySet.K0, IdeDirection.TX, SubStream.NPR);
        assertFalse(responder.isSecure(PORT, STREAM));
    }

    @Test
    void programmedKeysNotSetToGoLeaveTheStreamInsecure() {
        for (IdeDirection dir : IdeDirection.values()) {
            for (SubStream sub : SubStream.values()) {
                keyProg(SESSION, KeySubStream.of(KeySet.K0, dir, sub), 1);
            }
        }
        assertFalse(responder.isSecure(PORT, STREAM));
    }

    @Test
    void keysFromTwoSessionsGiveNoKeyingSession() {
        keyWholeStream(SESSION, KeySet.K0);
        KeySubStream kss = KeySubStream.of(KeySet.K1, IdeDirection.TX, SubStream.CPL);
        keyProg(5, kss, 1);
        send(5, new IdeKmMessage.KSetGo(STREAM, kss, PORT));
        assertEquals(OptionalInt.empty(), responder.keyingSession(PORT, STREAM));
    }

    @Test
    void switchingASubStreamToTheOtherKeySetKeepsTheStreamSecure() {
        keyWholeStream(SESSION, KeySet.K0);
        programAndGo(SESSION, KeySet.K1, IdeDirection.RX, SubStream.PR);
        send(SESSION, new IdeKmMessage.KSetStop(STREAM, KeySubStream.of(KeySet.K0, IdeDirection.RX, SubStream.PR),
                PORT));
        assertTrue(responder.isSecure(PORT, STREAM));
    }

    @Test
    void keySetStopTakesTheStreamOutOfSecureAndTellsListeners() {
        keyWholeStream(SESSION, KeySet.K0);
        send(SESSION, new IdeKmMessage.KSetStop(STREAM, KeySubStream.of(KeySet.K0, IdeDirection.TX, SubStream.NPR),
                PORT));
        assertFalse(responder.isSecure(PORT, STREAM));
        assertEquals(List.of(PORT + "/" + STREAM), leftSecure);
    }

    @Test
    void endOfTheKeyingSessionTakesTheStreamOutOfSecureAndTellsListeners() {
        keyWholeStream(SESSION, KeySet.K0);
        responder.sessionTerminated(SESSION);
        assertFalse(responder.isSecure(PORT, STREAM));
        assertEquals(List.of(PORT + "/" + STREAM), leftSecure);
    }

    @Test
    void endOfAnotherSessionLeavesTheStreamSecure() {
        keyWholeStream(SESSION, KeySet.K0);
        responder.sessionTerminated(3);
        assertTrue(responder.isSecure(PORT, STREAM));
    }

    @Test
    void keySetGoOnAnUnprogrammedSlotIsRefused() {
        VendorResponse r = responder.handle(SESSION, Bytes.of(IdeKmCodec.encode(new IdeKmMessage.KSetGo(STREAM,
                KeySubStream.of(KeySet.K0, IdeDirection.RX, SubStream.PR), PORT))));
        assertEquals(RefusalReason.REJECTED, ((VendorResponse.Refusal) r).reason());
    }

    @Test
    void keySetGoForAnUnsupportedPortIsRefused() {
        VendorResponse r = responder.handle(SESSION, Bytes.of(IdeKmCodec.encode(new IdeKmMessage.KSetGo(STREAM,
                new KeySubStream(0), 3))));
        assertEquals(RefusalReason.REJECTED, ((VendorResponse.Refusal) r).reason());
    }

    @Test
    void keyProgWithAllFieldsValidIsAcknowledgedWithSuccess() {
        assertEquals(KpAckStatus.SUCCESS, keyProg(SESSION, new KeySubStream(0x22), 1));
    }

    @ParameterizedTest(name = "{0} bytes")
    @CsvSource({"7", "46", "48"})
    void keyProgOfAnyLengthButFortySevenIsAcknowledgedIncorrectLength(int length) {
        byte[] valid = IdeKmCodec.encode(new IdeKmMessage.KeyProg(STREAM, new KeySubStream(0x10), PORT,
                IdeKey.of(key(1)), 1));
        IdeKmMessage.KpAck ack = (IdeKmMessage.KpAck) send(SESSION, Arrays.copyOf(valid, length));
        assertEquals(new IdeKmMessage.KpAck(STREAM, KpAckStatus.INCORRECT_LENGTH, new KeySubStream(0x10), PORT), ack);
    }

    @Test
    void keyProgForAPortTheDeviceLacksIsAcknowledgedUnsupportedPortIndex() {
        IdeKmMessage.KpAck ack = (IdeKmMessage.KpAck) send(SESSION, new IdeKmMessage.KeyProg(STREAM,
                new KeySubStream(0), 4, IdeKey.of(key(1)), 1));
        assertEquals(KpAckStatus.UNSUPPORTED_PORT_INDEX, ack.status());
    }

    @Test
    void keyProgForAStreamThePortLacksIsAcknowledgedUnsupportedValue() {
        IdeKmMessage.KpAck ack = (IdeKmMessage.KpAck) send(SESSION, new IdeKmMessage.KeyProg(9,
                new KeySubStream(0), PORT, IdeKey.of(key(1)), 1));
        assertEquals(KpAckStatus.UNSUPPORTED_VALUE, ack.status());
    }

    @ParameterizedTest(name = "KeySubStream 0x{0}")
    @CsvSource({"30", "f0", "04", "08"})
    void keyProgWithAnUndefinedKeySubStreamIsAcknowledgedUnsupportedValue(String kss) {
        assertEquals(KpAckStatus.UNSUPPORTED_VALUE, keyProg(SESSION, new KeySubStream(Integer.parseInt(kss, 16)), 1));
    }

    @ParameterizedTest(name = "IFV {0}")
    @CsvSource({"0", "2", "4294967296"})
    void keyProgWithAnIfvOtherThanOneIsAcknowledgedUnsupportedValue(long ifv) {
        assertEquals(KpAckStatus.UNSUPPORTED_VALUE, keyProg(SESSION, new KeySubStream(0), ifv));
    }

    @Test
    void keyProgWithAReservedByteSetIsAcknowledgedUnsupportedValue() {
        byte[] b = IdeKmCodec.encode(new IdeKmMessage.KeyProg(STREAM, new KeySubStream(0), PORT, IdeKey.of(key(1)), 1));
        b[4] = 1;
        assertEquals(KpAckStatus.UNSUPPORTED_VALUE, ((IdeKmMessage.KpAck) send(SESSION, b)).status());
    }

    @Test
    void keyProgIntoAKeyInUseIsAcknowledgedUnspecifiedFailure() {
        programAndGo(SESSION, KeySet.K0, IdeDirection.RX, SubStream.PR);
        assertEquals(KpAckStatus.UNSPECIFIED_FAILURE, keyProg(SESSION, new KeySubStream(0), 1));
    }

    @Test
    void queryAnswersWithThePortsIdentityAndRegisters() {
        IdeKmMessage answer = send(SESSION, new IdeKmMessage.Query(0));
        assertEquals(new IdeKmMessage.QueryResp(0, 0, 0, 0, 7, List.of(0x1234)), answer);
    }

    @Test
    void queryForAPortTheDeviceLacksIsRefused() {
        VendorResponse r = responder.handle(SESSION, Bytes.of(IdeKmCodec.encode(new IdeKmMessage.Query(2))));
        assertEquals(RefusalReason.REJECTED, ((VendorResponse.Refusal) r).reason());
    }

    @Test
    void responseObjectSentAsARequestIsRefusedAsMalformed() {
        VendorResponse r = responder.handle(SESSION, Bytes.fromHex("06 00 00 00 00 00 01"));
        assertEquals(RefusalReason.MALFORMED, ((VendorResponse.Refusal) r).reason());
    }

    @Test
    void capturedSpdmEmuRequestsGetTheCapturedResponsesByteForByte() {
        List<VendorMessage> flow = PciSigVectors.pciSigMessages("A_ecdsa_p384").stream()
                .filter(m -> m.protocol() == PciSigProtocol.IDE_KM).limit(38).toList();
        for (int i = 0; i < flow.size(); i += 2) {
            VendorResponse r = responder.handle(SESSION, Bytes.of(flow.get(i).message()));
            assertArrayEquals(flow.get(i + 1).message(), ((VendorResponse.Answer) r).payload().toByteArray(),
                    flow.get(i).name());
        }
    }

    @Test
    void keysNeverAppearInTheTrace() {
        RecordingSink sink = new RecordingSink();
        IdeKmResponder traced = responder(new Tracer(sink, () -> 0L));
        byte[] k = key(0x5A);
        traced.handle(SESSION, Bytes.of(IdeKmCodec.encode(new IdeKmMessage.KeyProg(STREAM, new KeySubStream(0), PORT,
                IdeKey.of(k), 1))));
        String hex = Bytes.of(k).toHex().substring(0, 16);
        for (TraceEvent e : sink.events()) {
            assertFalse(e.toString().toLowerCase().contains(hex), e.toString());
        }
        assertFalse(sink.events().isEmpty());
    }

    @Property
    void anyBytesGetAnAnswerOrARefusalNeverAnException(@ForAll @Size(max = 60) byte[] bytes) {
        VendorResponse r = responder.handle(SESSION, Bytes.of(bytes));
        assertTrue(r instanceof VendorResponse.Answer || r instanceof VendorResponse.Refusal);
    }
}
