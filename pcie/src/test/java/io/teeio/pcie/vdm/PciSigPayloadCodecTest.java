package io.teeio.pcie.vdm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class PciSigPayloadCodecTest {

    @Test
    void protocolIdsAreIdeKmZeroAndTdispOne() {
        assertEquals(0x00, PciSigProtocol.IDE_KM.id());
        assertEquals(0x01, PciSigProtocol.TDISP.id());
    }

    @Test
    void tdispPayloadStartsWithItsProtocolByte() {
        byte[] encoded = PciSigPayloadCodec.encode(new PciSigPayload(PciSigProtocol.TDISP, Bytes.fromHex("1081")));
        assertArrayEquals(PciSigVectors.hex("01 10 81"), encoded);
    }

    @Test
    void emptyPayloadHasNoProtocolId() {
        assertThrows(SpdmDecodeException.class, () -> PciSigPayloadCodec.decode(new byte[0]));
    }

    @Test
    void unknownProtocolIdIsRejected() {
        SpdmDecodeException e = assertThrows(SpdmDecodeException.class,
                () -> PciSigPayloadCodec.decode(new byte[] {2, 0}));
        assertTrue(e.getMessage().contains("ProtocolID 0x2"), e.getMessage());
    }

    @Property
    void payloadRoundTrips(@ForAll PciSigProtocol protocol, @ForAll @Size(max = 64) byte[] message)
            throws SpdmDecodeException {
        PciSigPayload p = new PciSigPayload(protocol, Bytes.of(message));
        assertEquals(p, PciSigPayloadCodec.decode(PciSigPayloadCodec.encode(p)));
    }

    @Property
    void randomBytesOnlyEverRaiseTheDecodeException(@ForAll @Size(max = 8) byte[] bytes) {
        try {
            PciSigPayloadCodec.decode(bytes);
        } catch (SpdmDecodeException expected) {
            assertTrue(expected.getMessage().startsWith("PCI-SIG vendor payload"));
        }
    }
}
