package io.teeio.spdm.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.teeio.spdm.crypto.AeadAlgo;
import io.teeio.spdm.crypto.JcaSpdmCrypto;
import io.teeio.spdm.crypto.SpdmCrypto;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Random and mutated bytes to the record decoder: only {@link SecuredMessageException} comes out. */
class SecuredMessageDecoderPropertyTest {
    private static final SpdmCrypto CRYPTO = new JcaSpdmCrypto(JcaSpdmCrypto.seededRandom(23));
    private static final SessionId ID = new SessionId(0xFFFF, 0xFFFE);

    /** A codec configuration and the keys for it. */
    record Setup(AeadAlgo aead, SessionType type, SecuredMessageFormat format) {
        SecuredMessageCodec codec() {
            return new SecuredMessageCodec(CRYPTO, format, type);
        }

        DirectionKeys keys() {
            return TestKeys.of(aead, 1);
        }

        byte[] record(byte[] data) throws SecuredMessageException {
            return codec().encode(ID, keys(), data, new SplittableRandom(data.length));
        }
    }

    @Provide
    Arbitrary<Setup> setups() {
        return Combinators.combine(Arbitraries.of(AeadAlgo.class), Arbitraries.of(SessionType.class),
                Arbitraries.of(SecuredMessageFormat.PCI_DOE, SecuredMessageFormat.MCTP)).as(Setup::new);
    }

    @Property(tries = 300)
    void randomBytesAreRejectedWithTheTypedException(@ForAll("setups") Setup setup,
            @ForAll @Size(max = 80) byte[] bytes) {
        DirectionKeys keys = setup.keys();
        assertThrows(SecuredMessageException.class, () -> setup.codec().decode(ID, keys, bytes));
        assertEquals(0, keys.sequenceNumber());
    }

    @Property(tries = 300)
    void randomBytesBehindTheRightSessionIdAreRejectedWithTheTypedException(@ForAll("setups") Setup setup,
            @ForAll @Size(max = 80) byte[] tail) {
        byte[] bytes = new byte[4 + tail.length];
        int id = ID.value();
        for (int i = 0; i < 4; i++) {
            bytes[i] = (byte) (id >>> (8 * i));
        }
        System.arraycopy(tail, 0, bytes, 4, tail.length);
        DirectionKeys keys = setup.keys();
        assertThrows(SecuredMessageException.class, () -> setup.codec().decode(ID, keys, bytes));
        assertEquals(0, keys.sequenceNumber());
    }

    @Property(tries = 300)
    void anySingleBitFlipInARecordIsRejected(@ForAll("setups") Setup setup, @ForAll @Size(max = 40) byte[] data,
            @ForAll @IntRange(min = 0, max = 100_000) int position) throws Exception {
        byte[] record = setup.record(data);
        int bit = position % (8 * record.length);
        record[bit / 8] ^= (byte) (1 << (bit % 8));
        DirectionKeys keys = setup.keys();
        assertThrows(SecuredMessageException.class, () -> setup.codec().decode(ID, keys, record));
        assertEquals(0, keys.sequenceNumber());
    }

    @Property(tries = 300)
    void anyTruncationOfARecordIsRejected(@ForAll("setups") Setup setup, @ForAll @Size(max = 40) byte[] data,
            @ForAll @IntRange(min = 0, max = 100_000) int cut) throws Exception {
        byte[] record = setup.record(data);
        byte[] truncated = Arrays.copyOf(record, cut % record.length);
        DirectionKeys keys = setup.keys();
        assertThrows(SecuredMessageException.class, () -> setup.codec().decode(ID, keys, truncated));
        assertEquals(0, keys.sequenceNumber());
    }

    @Property(tries = 300)
    void recordWithRandomlyOverwrittenBytesIsRejected(@ForAll("setups") Setup setup,
            @ForAll @Size(max = 40) byte[] data, @ForAll @IntRange(min = 0, max = 100_000) int position,
            @ForAll @Size(min = 1, max = 8) byte[] noise) throws Exception {
        byte[] record = setup.record(data);
        byte[] original = record.clone();
        int start = position % record.length;
        for (int i = 0; i < noise.length && start + i < record.length; i++) {
            record[start + i] ^= noise[i] == 0 ? (byte) 0x5A : noise[i];
        }
        DirectionKeys keys = setup.keys();
        assertThrows(SecuredMessageException.class, () -> setup.codec().decode(ID, keys, record),
                () -> "mutated " + Arrays.toString(original));
    }

    @Property(tries = 200)
    void encodedRecordsRoundTrip(@ForAll("setups") Setup setup, @ForAll @Size(max = 300) byte[] data)
            throws Exception {
        assertEquals(io.teeio.spdm.codec.Bytes.of(data),
                setup.codec().decode(ID, setup.keys(), setup.record(data)).applicationData());
    }
}
