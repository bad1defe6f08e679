package io.teeio.pcie.idekm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.pcie.vdm.Mutation;
import io.teeio.pcie.vdm.PciSigProtocol;
import io.teeio.pcie.vdm.PciSigVectors;
import io.teeio.pcie.vdm.PciSigVectors.VendorMessage;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class IdeKmCodecTest {

    static Stream<VendorMessage> capturedIdeKmMessages() {
        return PciSigVectors.pciSigMessages("A_ecdsa_p384").stream().filter(m -> m.protocol() == PciSigProtocol.IDE_KM);
    }

    @Test
    void captureHoldsTheWholeSpdmEmuIdeKmFlow() {
        // Per session (two sessions ran the APP step): QUERY + QUERY_RESP, 6 x (KEY_PROG, KP_ACK, K_SET_GO,
        // ACK), 6 x (K_SET_STOP, ACK).
        assertEquals(2 * (2 + 24 + 12), capturedIdeKmMessages().count());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("capturedIdeKmMessages")
    void capturedMessageDecodesAndReEncodesByteForByte(VendorMessage m) throws SpdmDecodeException {
        IdeKmMessage decoded = IdeKmCodec.decode(m.message());
        assertEquals(m.fromRequester(), decoded.objectId().isRequest());
        assertArrayEquals(m.message(), IdeKmCodec.encode(decoded));
    }

    @Test
    void capturedKeyProgNamesStreamZeroPortOneAndIfvOne() throws SpdmDecodeException {
        VendorMessage first = capturedIdeKmMessages().filter(m -> m.name().startsWith("IDE_KM KEY_PROG"))
                .findFirst().orElseThrow();
        IdeKmMessage.KeyProg kp = (IdeKmMessage.KeyProg) IdeKmCodec.decode(first.message());
        assertEquals(0, kp.streamId());
        assertEquals(KeySubStream.of(KeySet.K0, IdeDirection.RX, SubStream.PR), kp.keySubStream());
        assertEquals(1, kp.portIndex());
        assertEquals(1L, kp.ifv());
        assertEquals(47, first.message().length);
    }

    @Test
    void capturedQueryRespCarriesMaxPortSevenAnd74RegisterDws() throws SpdmDecodeException {
        VendorMessage resp = capturedIdeKmMessages().filter(m -> m.name().equals("IDE_KM QUERY_RESP"))
                .findFirst().orElseThrow();
        IdeKmMessage.QueryResp q = (IdeKmMessage.QueryResp) IdeKmCodec.decode(resp.message());
        assertEquals(new IdeKmMessage.QueryResp(1, 0, 0, 0, 7, Collections.nCopies(74, 0)), q);
    }

    @Test
    void theSixK0KeysUseTheKeySubStreamValuesOfTheSpec() {
        int[] expected = {0x00, 0x10, 0x20, 0x02, 0x12, 0x22};
        int i = 0;
        for (IdeDirection dir : IdeDirection.values()) {
            for (SubStream sub : SubStream.values()) {
                assertEquals(expected[i++], KeySubStream.of(KeySet.K0, dir, sub).value());
            }
        }
    }

    @Test
    void keySubStreamWithSubStreamThreeIsNotValid() {
        assertFalse(new KeySubStream(0x30).isValid());
    }

    @Test
    void keySubStreamWithReservedBitsIsNotValid() {
        assertFalse(new KeySubStream(0x04).isValid());
    }

    @Test
    void keyProgEncodesIfvAsUpperThenLowerDw() {
        IdeKmMessage.KeyProg kp = new IdeKmMessage.KeyProg(0, new KeySubStream(0), 1, IdeKey.of(new byte[32]),
                0x0000000200000001L);
        byte[] b = IdeKmCodec.encode(kp);
        assertArrayEquals(PciSigVectors.hex("02 00 00 00 01 00 00 00"),
                java.util.Arrays.copyOfRange(b, 39, 47));
    }

    @Test
    void keyProgToStringNeverShowsTheKey() {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) 0xAB);
        String s = new IdeKmMessage.KeyProg(0, new KeySubStream(0), 1, IdeKey.of(key), 1).toString();
        assertFalse(s.toLowerCase().contains("abab"), s);
        assertTrue(s.contains("redacted"), s);
    }

    @Test
    void keyProgOfTheWrongLengthIsRejected() {
        byte[] short46 = new byte[46];
        short46[0] = 2;
        assertThrows(SpdmDecodeException.class, () -> IdeKmCodec.decode(short46));
    }

    @Test
    void queryRespWithAPartialRegisterDwIsRejected() {
        assertThrows(SpdmDecodeException.class, () -> IdeKmCodec.decode(PciSigVectors.hex("01 00 00 00 00 00 07 00 00")));
    }

    @Test
    void kpAckWithAnUndefinedStatusIsRejected() {
        assertThrows(SpdmDecodeException.class, () -> IdeKmCodec.decode(PciSigVectors.hex("03 00 00 00 05 00 01")));
    }

    @Test
    void nonZeroReservedByteIsRejected() {
        assertThrows(SpdmDecodeException.class, () -> IdeKmCodec.decode(PciSigVectors.hex("04 00 00 00 01 00 01")));
    }

    @Property
    void everyMessageRoundTrips(@ForAll("messages") IdeKmMessage m) throws SpdmDecodeException {
        assertEquals(m, IdeKmCodec.decode(IdeKmCodec.encode(m)));
    }

    @Property
    void randomBytesOnlyEverRaiseTheDecodeException(@ForAll @Size(max = 60) byte[] bytes) {
        try {
            IdeKmCodec.decode(bytes);
        } catch (SpdmDecodeException expected) {
            assertTrue(expected.getMessage().startsWith("IDE_KM"), expected.getMessage());
        }
    }

    @Property
    void mutatedMessagesOnlyEverRaiseTheDecodeException(@ForAll("messages") IdeKmMessage m,
            @ForAll @IntRange(max = 400) int position, @ForAll byte value, @ForAll @IntRange(max = 2) int how) {
        byte[] mutated = Mutation.apply(IdeKmCodec.encode(m), how, position, value);
        try {
            IdeKmCodec.decode(mutated);
        } catch (SpdmDecodeException expected) {
            assertTrue(expected.getMessage().startsWith("IDE_KM"), expected.getMessage());
        }
    }

    @Test
    void idekeyEqualityIsByContent() {
        byte[] k = new byte[32];
        k[3] = 9;
        assertEquals(IdeKey.of(k), IdeKey.of(k.clone()));
        assertFalse(IdeKey.of(k).equals(IdeKey.of(new byte[32])));
        assertEquals(List.of(Bytes.of(k)), List.of(Bytes.of(IdeKey.of(k).toByteArray())));
    }

    @Provide
    Arbitrary<IdeKmMessage> messages() {
        return IdeKmArbitraries.messages();
    }
}
