package io.teeio.pcie.doe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.teeio.pcie.vdm.Mutation;
import io.teeio.pcie.vdm.PciSigVectors;
import io.teeio.spdm.codec.Bytes;
import io.teeio.spdm.codec.SpdmDecodeException;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class DataObjectCodecTest {

    @Test
    void getVersionAsCmaObjectMatchesTheProtocolsExample() {
        DataObject object = DataObject.of(DoeProtocol.CMA_SPDM, Bytes.fromHex("10840000"));
        assertArrayEquals(PciSigVectors.hex("01 00 01 00 03 00 00 00 10 84 00 00"), DataObjectCodec.encode(object));
    }

    @Test
    void payloadIsZeroPaddedToAWholeDw() {
        byte[] encoded = DataObjectCodec.encode(new DataObject(1, 1, Bytes.fromHex("aabbcc dd ee")));
        assertArrayEquals(PciSigVectors.hex("01 00 01 00 04 00 00 00 aa bb cc dd ee 00 00 00"), encoded);
    }

    @Test
    void largestObjectIsWrittenWithLengthZero() throws SpdmDecodeException {
        DataObject max = new DataObject(1, 1, Bytes.zeros(DataObject.MAX_PAYLOAD_BYTES));
        byte[] encoded = DataObjectCodec.encode(max);
        assertEquals(0, encoded[4] | encoded[5] | encoded[6] | encoded[7]);
        assertEquals(DataObject.MAX_PAYLOAD_BYTES, DataObjectCodec.decode(encoded).payload().length());
    }

    @Test
    void payloadBeyondTheMaximumIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new DataObject(1, 1, Bytes.zeros(DataObject.MAX_PAYLOAD_BYTES + 1)));
    }

    @Test
    void lengthMustEqualTheBytesReceived() {
        byte[] extraDw = PciSigVectors.hex("01 00 01 00 03 00 00 00 10 84 00 00 00 00 00 00");
        SpdmDecodeException e = assertThrows(SpdmDecodeException.class, () -> DataObjectCodec.decode(extraDw));
        assertTrue(e.getMessage().contains("Length says 3 DW"), e.getMessage());
    }

    @Test
    void nonZeroReservedHeaderByteIsRejected() {
        byte[] bytes = PciSigVectors.hex("01 00 01 01 03 00 00 00 10 84 00 00");
        assertThrows(SpdmDecodeException.class, () -> DataObjectCodec.decode(bytes));
    }

    @Test
    void reservedLengthBitsAreRejected() {
        byte[] bytes = PciSigVectors.hex("01 00 01 00 03 00 04 00 10 84 00 00");
        SpdmDecodeException e = assertThrows(SpdmDecodeException.class, () -> DataObjectCodec.decode(bytes));
        assertTrue(e.getMessage().contains("bits[31:18]"), e.getMessage());
    }

    @Test
    void lengthOfOneDwIsShorterThanTheHeader() {
        byte[] bytes = PciSigVectors.hex("01 00 01 00 01 00 00 00");
        assertThrows(SpdmDecodeException.class, () -> DataObjectCodec.decode(bytes));
    }

    @Test
    void objectWithoutAWholeHeaderIsRejected() {
        assertThrows(SpdmDecodeException.class, () -> DataObjectCodec.decode(PciSigVectors.hex("01 00 01 00")));
    }

    @Property
    void encodeThenDecodeGivesTheObjectWithItsPayloadPadded(@ForAll @IntRange(max = 0xFFFF) int vendor,
            @ForAll @IntRange(max = 0xFF) int type, @ForAll @Size(max = 300) byte[] payload)
            throws SpdmDecodeException {
        DataObject decoded = DataObjectCodec.decode(DataObjectCodec.encode(new DataObject(vendor, type,
                Bytes.of(payload))));
        byte[] padded = Arrays.copyOf(payload, (payload.length + 3) / 4 * 4);
        assertEquals(new DataObject(vendor, type, Bytes.of(padded)), decoded);
    }

    @Property
    void randomBytesOnlyEverRaiseTheDecodeException(@ForAll @Size(max = 64) byte[] bytes) {
        try {
            DataObjectCodec.decode(bytes);
        } catch (SpdmDecodeException expected) {
            assertTrue(expected.getMessage().startsWith("DOE object"));
        }
    }

    @Property
    void mutatedObjectsOnlyEverRaiseTheDecodeException(@ForAll("objects") byte[] valid,
            @ForAll @IntRange(max = 63) int position, @ForAll byte value, @ForAll @IntRange(max = 2) int how) {
        byte[] mutated = Mutation.apply(valid, how, position, value);
        try {
            DataObjectCodec.decode(mutated);
        } catch (SpdmDecodeException expected) {
            assertTrue(expected.getMessage().startsWith("DOE object"));
        }
    }

    @Provide
    Arbitrary<byte[]> objects() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(40)
                .map(p -> DataObjectCodec.encode(new DataObject(1, 1, Bytes.of(p))));
    }
}
